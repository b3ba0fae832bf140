/**
 * End-to-end throughput benchmark (not a test): distributed mode, OTLP/HTTP protobuf in →
 * emission facts committed, next to raw kafkajs and pg baselines measured in the same run on
 * the same machine, printed as ratios and recorded in tools/bench/results/.
 *
 *   npm run bench -- --spans 20000 [--batch 500] [--in-flight 4] [--projects 12] [--instances 2]
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ApiKeyStore, openPostgres, type DatabaseHandle } from '@greenops/persistence';
import { BenchArgsError, parseBenchArgs, type BenchArgs } from './bench-args';
import { BenchDatabase } from './bench-database';
import { BenchKafkaBroker } from './bench-kafka-broker';
import { formatTable, ratiosOf, writeResults, type BenchReport } from './bench-report';
import { runEndToEnd } from './end-to-end.bench-stage';
import { envelopeFor, factInputFor } from './ingest-fixtures';
import { CLIENT_RETRY_MS, runKafkaBaseline } from './kafka-baseline.bench-stage';
import { loadAverage1m, machineInfo } from './machine-info';
import { runPgBaseline, runStoreBaseline } from './pg-baseline.bench-stage';
import { runPgCopyBaseline } from './pg-copy-baseline.bench-stage';
import { progress } from './progress';
import { buildRenderSpans } from './render-workload';
import { repoRoot } from './repo-root';
import { ServiceProcess } from './service-process';

const TENANT = 'bench';
const WARM_UP_TENANT = 'bench-warmup';
const STORE_TENANT = 'bench-store';
const WARM_UP_SPANS = 120;
/** What-if for the transactional baseline: a short backoff after CONCURRENT_TRANSACTIONS. */
const FAST_RETRY_MS = 10;

async function serverVersion(db: DatabaseHandle): Promise<string> {
  const rows: Array<{ v: string }> = await db.dataSource.query(
    "select split_part(version(), ' on ', 1) as v",
  );
  return rows[0]?.v ?? 'PostgreSQL';
}

async function addTenant(keys: ApiKeyStore, tenant: string): Promise<string> {
  const key = `${tenant}-${randomBytes(24).toString('hex')}`;
  await keys.ensureTenant(tenant);
  await keys.addKey(tenant, key);
  return key;
}

async function run(
  args: BenchArgs,
  broker: BenchKafkaBroker,
  database: BenchDatabase,
  opened: (db: DatabaseHandle) => void,
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage1m();
  progress(
    `N = ${args.spans}; starting Kafka on 127.0.0.1:${args.brokerPort} (fresh) and creating database ${database.name}`,
  );
  await Promise.all([broker.start(), database.create()]);
  const db = await openPostgres(database.url, { poolSize: 2 });
  opened(db);
  const keys = new ApiKeyStore(db);
  const apiKey = await addTenant(keys, TENANT);
  const warmUpKey = await addTenant(keys, WARM_UP_TENANT);

  progress(`building ${args.spans} render spans with the OTel SDK`);
  const spans = await buildRenderSpans(args.spans, args.projects);
  const warmUpSpans = await buildRenderSpans(WARM_UP_SPANS, args.projects);

  const endToEnd = await runEndToEnd({
    brokers: broker.brokers,
    databaseUrl: database.url,
    db,
    tenant: TENANT,
    apiKey,
    warmUp: { tenant: WARM_UP_TENANT, apiKey: warmUpKey, spans: warmUpSpans },
    spans,
    batchSize: args.batchSize,
    inFlight: args.inFlight,
    brokerPid: broker.pid(),
    instances: args.instances,
  });

  // The baselines move what the pipeline moved: the envelopes ingest publishes for these very
  // spans, and the facts the projector computes from them.
  const recordedAt = new Date().toISOString();
  const envelopes = spans.map((s) => envelopeFor(TENANT, s, recordedAt));
  const warmUpEnvelopes = warmUpSpans.map((s) => envelopeFor(WARM_UP_TENANT, s, recordedAt));
  const kafkaRun = (transactional: boolean, initialRetryTimeMs: number) =>
    runKafkaBaseline(broker.brokers, envelopes, warmUpEnvelopes, args.batchSize, {
      transactional,
      initialRetryTimeMs,
    });
  const kafka = await kafkaRun(false, CLIENT_RETRY_MS);
  const kafkaTransactional = await kafkaRun(true, CLIENT_RETRY_MS);
  const kafkaTransactionalFastRetry = await kafkaRun(true, FAST_RETRY_MS);
  const facts = envelopes.map((e) => factInputFor(e.envelope));
  const warmUpFacts = warmUpEnvelopes.map((e) => factInputFor(e.envelope));
  const pg = await runPgBaseline(database.url, facts, warmUpFacts, args.batchSize);
  const pgCopy = await runPgCopyBaseline(database.url, facts, warmUpFacts, args.batchSize);
  const storeFacts = spans.map((s) =>
    factInputFor(envelopeFor(STORE_TENANT, s, recordedAt).envelope),
  );
  const store = await runStoreBaseline(db, storeFacts, args.batchSize);

  const { pgUrl: _pgUrl, ...shownArgs } = args;
  const measured = {
    endToEnd,
    kafka,
    kafkaTransactional,
    kafkaTransactionalFastRetry,
    pg,
    pgCopy,
    store,
  };
  return {
    benchmark: 'e2e-throughput',
    startedAt,
    args: shownArgs,
    machine: machineInfo(loadAtStart),
    database: { server: await serverVersion(db), timescale: db.capabilities.timescale },
    ...measured,
    ratios: ratiosOf(measured),
  };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const broker = new BenchKafkaBroker(args.brokerPort);
  const database = BenchDatabase.named(args.pgUrl);
  let db: DatabaseHandle | undefined;
  let cleaning: Promise<void> | undefined;
  // Always leave nothing behind: services, the broker on the benchmark's port, the database.
  const cleanUp = () =>
    (cleaning ??= (async () => {
      progress('cleaning up: services, broker, database');
      const step = async (what: string, work: () => Promise<void>) =>
        work().catch((error: unknown) =>
          console.error(`clean-up of ${what} failed: ${(error as Error).message}`),
        );
      await step('services', () => ServiceProcess.stopAll());
      await step('database handle', async () => db?.close());
      await step(`database ${database.name}`, () => database.drop());
      await step(`broker on port ${args.brokerPort}`, () => broker.stop());
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }

  try {
    const report = await run(args, broker, database, (opened) => (db = opened));
    console.log(`\n${formatTable(report)}\n`);
    const file = writeResults(report, join(repoRoot(), 'tools', 'bench', 'results'));
    progress(`results written to ${file} and latest.md`);
  } finally {
    await cleanUp();
    // A client library's stray timer must not keep a finished benchmark alive.
    setTimeout(() => process.exit(), 5000).unref();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchArgsError ? `bench: ${error.message}` : error);
  process.exitCode = error instanceof BenchArgsError ? 64 : 1;
});
