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
  /** Ingest processes and projector processes (one consumer group); requests go round robin. */
  instances: number;
}

/** What one service instance did during the timed run (scale-out split). */
export interface InstanceShare {
  name: string;
  /**
   * Spans sent to this ingest instance, or how far this projector's partitions advanced (stored
   * next offsets, after − before): its records plus one transaction marker per partition per
   * ingest transaction.
   */
  items: number;
  /** Partitions this projector owned at the end of the run; [] for ingest. */
  partitions: number[];
  cpuS: number;
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
  /** Per ingest and projector instance, when more than one of each ran. */
  instances: InstanceShare[];
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

/** next_offset per partition the projector group has stored (its committed position). */
async function storedOffsets(db: DatabaseHandle, group: string): Promise<Map<number, bigint>> {
  const rows: Array<{ partition: number; next_offset: string }> = await db.dataSource.query(
    'select partition, next_offset::text as next_offset from consumer_offsets where consumer_group = $1 and topic = $2',
    [group, TOPICS.activities],
  );
  return new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
}

/** Partitions a projector instance owns, from its GET /status. */
async function ownedPartitions(port: number): Promise<number[]> {
  const response = await fetch(`http://127.0.0.1:${port}/status`);
  const body = (await response.json()) as { partitions?: number[] };
  return body.partitions ?? [];
}

function exporterFor(url: string, apiKey: string): OTLPTraceExporter {
  return new OTLPTraceExporter({
    url,
    headers: { authorization: `Bearer ${apiKey}` },
    timeoutMillis: 60_000,
  });
}

/** Until every projector owns at least one partition (the group has settled), at most 60 s. */
async function waitForPartitionsSpread(ports: number[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const owned = await Promise.all(ports.map((p) => ownedPartitions(p).catch(() => [])));
    if (owned.every((o) => o.length > 0)) return;
    if (Date.now() > deadline)
      throw new Error(`projectors own ${JSON.stringify(owned)} after 60 s`);
    await sleep(250);
  }
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
  // A broker just started on a busy machine may not have elected the new partitions' leader
  // within kafkajs' wait: try again rather than lose the run.
  for (const topic of [TOPICS.activities, TOPICS.activitiesDlq]) {
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureTopic(kafka, topic, DEFAULT_TOPIC_PARTITIONS);
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
        progress(`e2e: creating ${topic} failed (${(error as Error).message}); again in 3 s`);
        await sleep(3000);
      }
    }
  }

  const common = {
    GREENOPS_DATABASE_URL: input.databaseUrl,
    GREENOPS_KAFKA_BROKERS: input.brokers.join(','),
  };
  const group = 'greenops-bench-projector';
  const projectors: Array<{ process: ServiceProcess; port: number }> = [];
  const ingests: Array<{ process: ServiceProcess; httpPort: number }> = [];
  for (let i = 0; i < input.instances; i++) {
    const suffix = input.instances > 1 ? ` ${i + 1}` : '';
    const port = await freePort();
    projectors.push({
      port,
      process: ServiceProcess.built(`projector${suffix}`, 'dist/apps/projector/src/main.js', {
        ...common,
        GREENOPS_PROJECTOR_GROUP: group,
        GREENOPS_PROJECTOR_PORT: String(port),
      }),
    });
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    ingests.push({
      httpPort,
      process: ServiceProcess.built(`ingest${suffix}`, 'dist/apps/ingest/src/main.js', {
        ...common,
        GREENOPS_OTLP_HTTP_PORT: String(httpPort),
        GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      }),
    });
  }
  const all = [...projectors.map((p) => p.process), ...ingests.map((i) => i.process)];
  try {
    progress(
      `e2e: starting ${input.instances} projector(s) and ${input.instances} ingest(s) (built dist/, separate processes)`,
    );
    await Promise.all([
      ...projectors.map((p) => p.process.start(/consuming/, 240000)),
      ...ingests.map((i) => i.process.start(/OTLP\/gRPC at/, 240000)),
    ]);
    const urls = ingests.map((i) => `http://127.0.0.1:${i.httpPort}/v1/traces`);
    if (input.instances > 1) await waitForPartitionsSpread(projectors.map((p) => p.port));

    const warm = input.warmUp;
    progress(`e2e: warm-up, ${warm.spans.length} spans as tenant ${warm.tenant}`);
    // Every ingest instance gets a share of the warm-up (its producer id and transaction).
    const warmBatches = chunk(warm.spans, Math.ceil(warm.spans.length / urls.length));
    await Promise.all(
      urls.map((u, i) =>
        exportConcurrently(
          exporterFor(u, warm.apiKey),
          [warmBatches[i] ?? []].filter((b) => b.length > 0),
          1,
        ),
      ),
    );
    await waitForFacts(db, warm.tenant, warm.spans.length, () => undefined);
    await sleep(1500); // let the projector's connection publish its table statistics
    const batchesBefore = await tableWrites(db.dataSource, 'consumer_offsets');

    const batches = chunk(spans, batchSize);
    // Round robin over the ingest instances, as a load balancer in front of them would.
    const exporters = urls.map((u) => exporterFor(u, input.apiKey));
    const perIngest = urls.map((_, i) => batches.filter((_b, j) => j % urls.length === i));
    const offsetsBefore = await storedOffsets(db, group);
    progress(
      `e2e: sending ${spans.length} spans in ${batches.length} OTLP/HTTP protobuf requests, ${input.inFlight} in flight`,
    );
    let lastFacts = 0;
    let lastReport = Date.now();
    let accepted: { ns: bigint; facts: number } | undefined;
    const services = [...all.map((p) => p.pid), input.brokerPid].filter(
      (p): p is number => p !== undefined,
    );
    const cpu = new CpuSampler();
    cpu.begin([...services, ...(await databaseBackendPids(db))]);
    const t0 = process.hrtime.bigint();
    const sending = Promise.all(
      exporters.map((exporter, i) =>
        exportConcurrently(
          exporter,
          perIngest[i],
          Math.max(1, Math.ceil(input.inFlight / exporters.length)),
        ),
      ),
    ).then(() => {
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
    const pidsOf = (ps: ServiceProcess[]) =>
      ps.map((p) => p.pid).filter((p): p is number => p !== undefined);
    const instanceCpu = cpu.endFor(all.map((p) => ({ name: p.name, pids: pidsOf([p]) })));
    const cpuProfile = cpu.end([
      { name: 'ingest', pids: pidsOf(ingests.map((i) => i.process)) },
      { name: 'projector', pids: pidsOf(projectors.map((p) => p.process)) },
      { name: 'Kafka broker (JVM)', pids: input.brokerPid ? [input.brokerPid] : [] },
      { name: 'PostgreSQL backends of the database', pids: pgPids },
    ]);
    await sending;
    await Promise.all(exporters.map((e) => e.shutdown()));
    const done = accepted ?? { ns: elapsedNs, facts: spans.length };
    const instances: InstanceShare[] = [];
    if (input.instances > 1) {
      const offsetsAfter = await storedOffsets(db, group);
      const delta = (partition: number) =>
        Number((offsetsAfter.get(partition) ?? 0n) - (offsetsBefore.get(partition) ?? 0n));
      ingests.forEach((i, k) =>
        instances.push({
          name: i.process.name,
          items: perIngest[k].reduce((n, b) => n + b.length, 0),
          partitions: [],
          cpuS: instanceCpu.get(i.process.name) ?? 0,
        }),
      );
      for (const p of projectors) {
        const partitions = await ownedPartitions(p.port);
        instances.push({
          name: p.process.name,
          items: partitions.reduce((n, partition) => n + delta(partition), 0),
          partitions,
          cpuS: instanceCpu.get(p.process.name) ?? 0,
        });
      }
    }

    // Their backends exit: PostgreSQL publishes its last counters.
    await Promise.all(projectors.map((p) => p.process.stop()));
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
      instances,
    };
  } catch (error) {
    for (const p of all) console.error(`---- ${p.name} log ----\n${p.log}`);
    throw error;
  } finally {
    await Promise.all(all.map((p) => p.stop()));
  }
}
