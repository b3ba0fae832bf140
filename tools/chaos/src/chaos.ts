// Chaos run: N minutes of steady OTLP load on the distributed platform (ingest, projector,
// gateway as processes, a private Kafka broker, a throwaway PostgreSQL database) while the
// projector, ingest and the broker are SIGKILLed and restarted at random; then it waits for
// projection to settle and compares what was sent with what was counted. Not a test: a script
// (docs/operations.md, "Chaos run"). Exit status 0 only if nothing was lost or counted twice.
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiKeyStore, openPostgres } from '@greenops/persistence';
import {
  countFacts,
  createTestDatabase,
  frameSpans,
  freePort,
  ManagedProcess,
  otlpJsonBody,
  PrivateKafkaBroker,
  readProjectTotals,
  RetryingOtlpClient,
  waitForTotal,
  type TestDatabase,
} from '@greenops/testing';
import { parseChaosArgs } from './chaos-args';
import { SeededRandom } from './seeded-random';

const PROJECTS = ['chaos-a', 'chaos-b', 'chaos-c', 'chaos-d']; // spread over partitions
const SENDERS = 3;
const BATCH_SIZE = 20;
const TENANT = 'chaos';

const started = Date.now();
let outFile = '';
function say(line: string): void {
  const stamped = `[chaos ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`;
  console.log(stamped);
  if (outFile) appendFileSync(outFile, `${stamped}\n`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const root = join(__dirname, '..', '..', '..', '..');
  const today = new Date().toISOString().slice(0, 10);
  const args = parseChaosArgs(
    process.argv.slice(2),
    join(root, 'tools', 'chaos', 'results', `chaos-${today}.txt`),
  );
  outFile = args.outFile;
  if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, '');
  }
  const random = new SeededRandom(args.seed);
  say(
    `seed ${args.seed} (replay: npm run chaos -- --minutes ${args.minutes} --seed ${args.seed}); ` +
      `${args.minutes} min of load, ${SENDERS} senders × ${BATCH_SIZE}-span batches over ${PROJECTS.length} projects`,
  );

  const broker = new PrivateKafkaBroker(
    args.kafkaPort,
    mkdtempSync(join(tmpdir(), 'chaos-kafka-')),
  );
  let database: TestDatabase | undefined;
  const services: ManagedProcess[] = [];
  try {
    await broker.start({ fresh: true });
    say(`broker up at ${broker.brokers}`);
    database = await createTestDatabase('faults_chaos');
    const db = await openPostgres(database.url);
    const apiKey = `chaos-${Date.now().toString(36)}-${args.seed}-key`;
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(TENANT);
    await keys.addKey(TENANT, apiKey);
    await db.close();
    say(`database ${database.name}`);

    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const common = { GREENOPS_DATABASE_URL: database.url, GREENOPS_KAFKA_BROKERS: broker.brokers };
    const ingest = ManagedProcess.built('ingest', 'dist/apps/ingest/src/main.js', {
      ...common,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
    });
    const projector = ManagedProcess.built('projector', 'dist/apps/projector/src/main.js', {
      ...common,
      GREENOPS_PROJECTOR_GROUP: 'chaos-projector',
      GREENOPS_PROJECTOR_PORT: String(await freePort()),
    });
    const gateway = ManagedProcess.built('gateway', 'dist/apps/gateway/src/main.js', {
      ...common,
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    });
    services.push(ingest, projector, gateway);
    const ready = new Map<ManagedProcess, RegExp>([
      [ingest, /OTLP\/gRPC at/],
      [projector, /consuming/],
      [gateway, /GraphQL at/],
    ]);
    await Promise.all(services.map((s) => s.start(ready.get(s)!, 120000)));
    say('ingest, projector and gateway up');
    const otlpUrl = `http://127.0.0.1:${httpPort}/v1/traces`;
    const graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
    const databaseUrl = database.url;

    // Load: each sender retries its batch until it is taken (2xx), as an OTLP client should.
    const client = new RetryingOtlpClient(otlpUrl, apiKey, { deadlineMs: 10 * 60000 });
    const nextIndex = new Map(PROJECTS.map((p) => [p, 0]));
    let spansSent = 0;
    let spansAccepted = 0;
    let loadRunning = true;
    const sender = async (n: number) => {
      for (let b = 0; loadRunning; b += 1) {
        const project = PROJECTS[(n + b) % PROJECTS.length];
        const from = nextIndex.get(project)!;
        nextIndex.set(project, from + BATCH_SIZE);
        spansSent += BATCH_SIZE;
        const delivery = await client.send(
          otlpJsonBody(frameSpans(project, from, from + BATCH_SIZE)),
        );
        if (delivery.rejectedSpans !== 0)
          throw new Error(`rejected spans: ${JSON.stringify(delivery)}`);
        spansAccepted += BATCH_SIZE;
        await sleep(100);
      }
    };
    const senders = Promise.all(Array.from({ length: SENDERS }, (_, n) => sender(n)));

    const countAll = async () => {
      let total = 0;
      for (const p of PROJECTS) total += await countFacts(databaseUrl, TENANT, p);
      return total;
    };
    const faults: string[] = [];
    const progress = setInterval(() => {
      countAll().then(
        (counted) => report(counted),
        () => report(undefined),
      );
      function report(counted: number | undefined) {
        say(
          `sent ${spansSent} accepted ${spansAccepted} counted ${counted ?? '(db busy)'} | ` +
            `retryable answers ${client.retryableAnswers.length}, connection errors ${client.connectionErrors}, ` +
            `faults ${faults.length}`,
        );
      }
    }, 10000);

    // Faults: one at a time, at random moments, until the load window closes.
    const victims = ['projector', 'ingest', 'broker'] as const;
    const loadEnds = Date.now() + args.minutes * 60000;
    while (Date.now() < loadEnds - 5000) {
      await sleep(Math.min(random.between(4000, 12000), Math.max(0, loadEnds - Date.now())));
      if (Date.now() >= loadEnds - 5000) break;
      const victim = random.pick(victims);
      const downMs = random.between(500, 4000);
      const t0 = Date.now();
      if (victim === 'broker') {
        await broker.kill();
        await sleep(downMs);
        await broker.start();
      } else {
        const process = victim === 'ingest' ? ingest : projector;
        await process.kill();
        await sleep(downMs);
        await process.start(ready.get(process)!, 120000);
      }
      faults.push(victim);
      say(
        `fault ${faults.length}: SIGKILL ${victim}, down ${downMs} ms, back after ${Date.now() - t0} ms`,
      );
      for (const s of services) {
        if (!s.running) {
          say(`!! ${s.name} exited on its own; restarting it`);
          faults.push(`${s.name} (exited by itself)`);
          await s.start(ready.get(s)!, 120000);
        }
      }
    }
    loadRunning = false;
    await senders;
    // One sentinel span per project (so per partition) after every retry has completed.
    for (const p of PROJECTS) {
      const from = nextIndex.get(p)!;
      nextIndex.set(p, from + 1);
      spansSent += 1;
      await client.send(otlpJsonBody(frameSpans(p, from, from + 1)));
      spansAccepted += 1;
    }
    say(
      `load stopped: ${spansSent} spans sent, ${spansAccepted} accepted; waiting for projection to settle`,
    );
    const settleStart = Date.now();
    let counted: number;
    try {
      counted = await waitForTotal(countAll, spansAccepted, {
        timeoutMs: 5 * 60000,
        intervalMs: 1000,
        description: 'facts of the chaos projects',
      });
    } catch (error) {
      counted = await countAll();
      say(`did not settle: ${(error as Error).message}`);
    }
    clearInterval(progress);
    let graphqlCounted = 0;
    for (const p of PROJECTS) {
      // every frame span is exactly 1 g operational (frameSpan): the GraphQL total counts spans
      graphqlCounted += Math.round(
        (await readProjectTotals(graphqlUrl, apiKey, p))?.operationalG ?? 0,
      );
    }
    const byVictim = victims.map((v) => `${v} ${faults.filter((f) => f === v).length}`).join(', ');
    const unexpected = faults.filter((f) => !victims.includes(f as (typeof victims)[number]));
    say(`settled in ${((Date.now() - settleStart) / 1000).toFixed(1)} s`);
    say(
      `faults injected: ${faults.filter((f) => victims.includes(f as (typeof victims)[number])).length} (${byVictim}); services that exited by themselves: ${unexpected.length}`,
    );
    say(
      `requests: ${client.retryableAnswers.length} retryable answers (${[...new Set(client.retryableAnswers.map((a) => `${a.status} Retry-After ${a.retryAfter}`))].join(', ') || 'none'}), ${client.connectionErrors} connection errors (${[...client.connectionErrorCodes].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'})`,
    );
    say(`spans sent (with retry)   ${spansSent}`);
    say(`spans accepted (2xx)      ${spansAccepted}`);
    say(`spans counted (facts)     ${counted}`);
    say(`spans counted (GraphQL)   ${graphqlCounted}`);
    const difference = spansSent - counted;
    say(`difference sent - counted ${difference} (facts), ${spansSent - graphqlCounted} (GraphQL)`);
    const ok = difference === 0 && spansSent === graphqlCounted && spansAccepted === spansSent;
    say(ok ? 'RESULT: OK — nothing lost, nothing counted twice' : 'RESULT: FAILED');
    return ok ? 0 : 1;
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    await broker.destroy().catch(() => undefined);
    await database?.drop().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(
      `chaos run aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(2);
  },
);
