import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@greenops/contracts';
import { DEFAULT_TOPIC_PARTITIONS, ensureTopic } from '@greenops/messaging';
import type { DatabaseHandle } from '@greenops/persistence';
import { exportConcurrently } from './concurrent-export';
import { CpuSampler, type CpuProfile } from './cpu-sampler';
import { freePort } from '@greenops/testing';
import { perSecond, progress, sleep } from './progress';
import { chunk } from './render-workload';
import { ServiceProcess } from './service-process';
import { tableWrites } from './table-write-stats';

export interface EndToEndInput {
  brokers: string[];
  databaseUrl: string;
  db: DatabaseHandle;
  tenant: string;
  apiKey: string;
  /** Sent first, by a separate tenant, and awaited before the clock starts. */
  warmUp: { tenant: string; apiKey: string; spans: ReadableSpan[] };
  spans: ReadableSpan[];
  batchSize: number;
  inFlight: number;
  /** The broker JVM, for CPU accounting. */
  brokerPid?: number;
}

export interface EndToEndResult {
  spans: number;
  requests: number;
  elapsedMs: number;
  spansPerS: number;
  /** Until the last OTLP request was answered 200: every span durable on Kafka. */
  acceptedMs: number;
  ingestSpansPerS: number;
  /** Facts committed when the last request was answered. */
  factsWhenAccepted: number;
  /** Rate of the projector after ingest had finished: (N − factsWhenAccepted) / (elapsed − accepted). */
  projectorTailFactsPerS: number | null;
  /** Projector transactions (consumer_offsets upserts) during the timed run. */
  projectorBatches: number;
  meanFactsPerProjectorBatch: number;
  /** CPU per process over the timed window (Linux /proc). */
  cpu: CpuProfile;
}

const POLL_MS = 100;
const TIMEOUT_MS = 15 * 60_000;

async function factCount(db: DatabaseHandle, tenant: string): Promise<number> {
  const rows: Array<{ n: string }> = await db.dataSource.query(
    'select count(*)::text as n from emission_facts where tenant_id = $1',
    [tenant],
  );
  return Number(rows[0].n);
}

async function databaseBackendPids(db: DatabaseHandle): Promise<number[]> {
  const rows: Array<{ pid: number }> = await db.dataSource.query(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  return rows.map((r) => r.pid);
}

async function waitForFacts(
  db: DatabaseHandle,
  tenant: string,
  target: number,
  onPoll: (n: number) => void,
): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const n = await factCount(db, tenant);
    onPoll(n);
    if (n >= target) return;
    if (Date.now() > deadline)
      throw new Error(`only ${n} of ${target} facts after ${TIMEOUT_MS / 60000} min`);
    await sleep(POLL_MS);
  }
}

function exporterFor(url: string, apiKey: string): OTLPTraceExporter {
  return new OTLPTraceExporter({
    url,
    headers: { authorization: `Bearer ${apiKey}` },
    timeoutMillis: 60_000,
  });
}

/**
 * Distributed mode exactly as the e2e spec runs it: the built ingest and projector as separate
 * processes against the benchmark's Kafka and database; spans in over OTLP/HTTP protobuf through
 * the official exporter; done when the tenant's emission_facts count reaches N.
 */
export async function runEndToEnd(input: EndToEndInput): Promise<EndToEndResult> {
  const { db, spans, batchSize } = input;
  // 6 partitions, as the projector would create it; made here so ingest cannot auto-create it with 3.
  const kafka = new Kafka({
    clientId: 'greenops-bench-admin',
    brokers: input.brokers,
    logLevel: logLevel.NOTHING,
  });
  await ensureTopic(kafka, TOPICS.activities, DEFAULT_TOPIC_PARTITIONS);
  await ensureTopic(kafka, TOPICS.activitiesDlq, DEFAULT_TOPIC_PARTITIONS);

  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const common = {
    GREENOPS_DATABASE_URL: input.databaseUrl,
    GREENOPS_KAFKA_BROKERS: input.brokers.join(','),
  };
  const projector = ServiceProcess.built('projector', 'dist/apps/projector/src/main.js', {
    ...common,
    GREENOPS_PROJECTOR_GROUP: 'greenops-bench-projector',
    GREENOPS_PROJECTOR_PORT: String(await freePort()),
  });
  const ingest = ServiceProcess.built('ingest', 'dist/apps/ingest/src/main.js', {
    ...common,
    GREENOPS_OTLP_HTTP_PORT: String(httpPort),
    GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
  });
  try {
    progress('e2e: starting projector and ingest (built dist/, separate processes)');
    await Promise.all([projector.start(/consuming/), ingest.start(/OTLP\/gRPC at/)]);
    const url = `http://127.0.0.1:${httpPort}/v1/traces`;

    const warm = input.warmUp;
    progress(`e2e: warm-up, ${warm.spans.length} spans as tenant ${warm.tenant}`);
    await exportConcurrently(exporterFor(url, warm.apiKey), chunk(warm.spans, batchSize), 1);
    await waitForFacts(db, warm.tenant, warm.spans.length, () => undefined);
    await sleep(1500); // let the projector's connection publish its table statistics
    const batchesBefore = await tableWrites(db.dataSource, 'consumer_offsets');

    const batches = chunk(spans, batchSize);
    const exporter = exporterFor(url, input.apiKey);
    progress(
      `e2e: sending ${spans.length} spans in ${batches.length} OTLP/HTTP protobuf requests, ${input.inFlight} in flight`,
    );
    let lastFacts = 0;
    let lastReport = Date.now();
    let accepted: { ns: bigint; facts: number } | undefined;
    const services = [ingest.pid, projector.pid, input.brokerPid].filter(
      (p): p is number => p !== undefined,
    );
    const cpu = new CpuSampler();
    cpu.begin([...services, ...(await databaseBackendPids(db))]);
    const t0 = process.hrtime.bigint();
    const sending = exportConcurrently(exporter, batches, input.inFlight).then(() => {
      accepted = { ns: process.hrtime.bigint() - t0, facts: lastFacts };
      progress(
        `e2e: all ${spans.length} spans accepted by ingest in ${(Number(accepted.ns) / 1e6).toFixed(0)} ms (${lastFacts} facts so far)`,
      );
    });
    const failed = sending.then(
      () => new Promise<never>(() => undefined),
      (error: unknown) => Promise.reject(error),
    );
    await Promise.race([
      failed,
      waitForFacts(db, input.tenant, spans.length, (n) => {
        lastFacts = n;
        if (Date.now() - lastReport >= 2000) {
          lastReport = Date.now();
          progress(`e2e: ${n}/${spans.length} facts committed`);
        }
      }),
    ]);
    const elapsedNs = process.hrtime.bigint() - t0;
    const pgPids = await databaseBackendPids(db);
    const cpuProfile = cpu.end([
      { name: 'ingest', pids: ingest.pid ? [ingest.pid] : [] },
      { name: 'projector', pids: projector.pid ? [projector.pid] : [] },
      { name: 'Kafka broker (JVM)', pids: input.brokerPid ? [input.brokerPid] : [] },
      { name: 'PostgreSQL backends of the database', pids: pgPids },
    ]);
    await sending;
    await exporter.shutdown();
    const done = accepted ?? { ns: elapsedNs, facts: spans.length };

    await projector.stop(); // its backend exits: PostgreSQL publishes its last counters
    await sleep(500);
    const projectorBatches = (await tableWrites(db.dataSource, 'consumer_offsets')) - batchesBefore;
    const tailNs = elapsedNs - done.ns;
    return {
      spans: spans.length,
      requests: batches.length,
      elapsedMs: Number(elapsedNs) / 1e6,
      spansPerS: perSecond(spans.length, elapsedNs),
      acceptedMs: Number(done.ns) / 1e6,
      ingestSpansPerS: perSecond(spans.length, done.ns),
      factsWhenAccepted: done.facts,
      projectorTailFactsPerS:
        tailNs > 50_000_000n ? perSecond(spans.length - done.facts, tailNs) : null,
      projectorBatches,
      meanFactsPerProjectorBatch: projectorBatches > 0 ? spans.length / projectorBatches : 0,
      cpu: cpuProfile,
    };
  } catch (error) {
    console.error(`---- projector log ----\n${projector.log}\n---- ingest log ----\n${ingest.log}`);
    throw error;
  } finally {
    await Promise.all([ingest.stop(), projector.stop()]);
  }
}
