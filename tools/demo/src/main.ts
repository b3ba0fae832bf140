/**
 * `npm run demo`: sends a demo production (a series episode and a commercial over six weeks)
 * to a running platform, so the dashboard has something to show. Reads the same variables as
 * the platform: GREENOPS_API_KEY (a key with the ingest role; with admin too, it also declares
 * the productions and sets a status, a retention policy and a legal hold), GREENOPS_HOST,
 * GREENOPS_OTLP_HTTP_PORT, GREENOPS_GRAPHQL_PORT.
 */
import { DEMO_PROJECTS } from './demo-production';
import { sendDemo } from './send-demo';
import { sendDeclarations } from './send-declarations';

async function main(): Promise<number> {
  const apiKey = process.env.GREENOPS_API_KEY;
  if (!apiKey) {
    console.error(
      'demo: set GREENOPS_API_KEY to a key with the ingest role (npm start prints one on the first start), e.g.\n  GREENOPS_API_KEY=gok_… npm run demo',
    );
    return 2;
  }
  const host =
    process.env.GREENOPS_HOST && process.env.GREENOPS_HOST !== '0.0.0.0'
      ? process.env.GREENOPS_HOST
      : '127.0.0.1';
  const otlpPort = process.env.GREENOPS_OTLP_HTTP_PORT ?? '4318';
  const graphqlPort = process.env.GREENOPS_GRAPHQL_PORT ?? '4000';
  const otlpHttpUrl = `http://${host}:${otlpPort}/v1/traces`;
  const result = await sendDemo({ otlpHttpUrl, apiKey });
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(`demo: sent ${total} spans to ${otlpHttpUrl}`);
  for (const [project, n] of Object.entries(result.counts)) console.log(`  ${project}: ${n} spans`);
  console.log(
    `  and ${result.rejected} span with a typo in its activity kind (see Platform health)`,
  );
  // Declarations and admin actions need the admin role: without it the spans still count.
  try {
    const declarations = await sendDeclarations({
      graphqlUrl: `http://${host}:${graphqlPort}/graphql`,
      apiKey,
    });
    console.log(`  declared ${declarations.declared.join(', ')} (finished minutes, shoot days)`);
    for (const action of declarations.actions) console.log(`  ${action}`);
  } catch (error) {
    console.log(
      `  no declarations (${(error as Error).message}): use a key with the admin role for KPIs per finished minute, benchmarks and retention`,
    );
  }
  console.log('Open the dashboard:');
  console.log(`  http://${host}:${graphqlPort}/#/portfolio`);
  for (const project of Object.values(DEMO_PROJECTS)) {
    console.log(`  http://${host}:${graphqlPort}/#/project/${project}`);
  }
  console.log(`DEMO_RESULT ${JSON.stringify(result)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exit(1);
  },
);
