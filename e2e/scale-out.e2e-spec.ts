import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { TOPICS } from '@greenops/contracts';
import { DEFAULT_TOPIC_PARTITIONS, ensureTopic } from '@greenops/messaging';
import { ApiKeyStore, openPostgres, type DatabaseHandle } from '@greenops/persistence';
import {
  createTestDatabase,
  frameSpans,
  frameTotals,
  freePort,
  kafkaBrokers,
  ManagedProcess,
  otlpJsonBody,
  RetryingOtlpClient,
  waitFor,
  type TestDatabase,
} from '@greenops/testing';

/** Projector status ports: GREENOPS_TEST_PROJECTOR_PORT_BASE and the next one, else free ports. */
async function projectorPorts(): Promise<[number, number]> {
  const base = Number(process.env.GREENOPS_TEST_PROJECTOR_PORT_BASE ?? 0);
  return base > 0 ? [base, base + 1] : [await freePort(), await freePort()];
}

/** Partitions a projector owns, as its GET /status says. */
async function ownedPartitions(port: number): Promise<number[]> {
  const response = await fetch(`http://127.0.0.1:${port}/status`, {
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as { partitions?: number[] };
  return [...(body.partitions ?? [])].sort((a, b) => a - b);
}

/** Where kafkajs' default partitioner (ingest's) puts a key on a topic of `count` partitions. */
function partitionOfKey(key: string, count: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  return partitioner({
    topic: TOPICS.activities,
    partitionMetadata: Array.from({ length: count }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    })),
    message: { key, value: null },
  });
}

/**
 * Scale-out (docs/operations.md, "Scaling out"): two ingest instances behind a round-robin
 * client and two projector instances of one consumer group on the 6-partition activities topic.
 * Every span is counted exactly once: while both projectors share the partitions, and after one
 * of them leaves and the other takes its partitions over.
 */
describe('scale-out: 2 ingest + 2 projector instances on 6 partitions', () => {
  const run = randomBytes(4).toString('hex');
  const tenant = `scale-${run}`;
  const apiKey = `key-${randomBytes(24).toString('hex')}`;
  const group = `projector-scale-${run}`;
  const projects = Array.from({ length: 12 }, (_, i) => `scale-p${i}-${run}`);
  let database: TestDatabase;
  let db: DatabaseHandle;
  const ingests: ManagedProcess[] = [];
  const projectors: ManagedProcess[] = [];
  const ingestUrls: string[] = [];
  let statusPorts: [number, number];

  const services = () => [...ingests, ...projectors];
  const logs = () =>
    services()
      .map((s) => `${s.name}:\n${s.log}`)
      .join('\n');

  beforeAll(async () => {
    database = await createTestDatabase('e2e_scale');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenant);
    await keys.addKey(tenant, apiKey);
    const kafka = new Kafka({
      clientId: 'scale-e2e',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    await ensureTopic(kafka, TOPICS.activities, DEFAULT_TOPIC_PARTITIONS);

    const common = {
      GREENOPS_DATABASE_URL: database.url,
      GREENOPS_KAFKA_BROKERS: kafkaBrokers().join(','),
    };
    statusPorts = await projectorPorts();
    for (const [i, port] of statusPorts.entries()) {
      projectors.push(
        ManagedProcess.built(`projector-${i + 1}`, 'dist/apps/projector/src/main.js', {
          ...common,
          GREENOPS_PROJECTOR_GROUP: group,
          GREENOPS_PROJECTOR_PORT: String(port),
        }),
      );
      const [httpPort, grpcPort] = [await freePort(), await freePort()];
      ingests.push(
        ManagedProcess.built(`ingest-${i + 1}`, 'dist/apps/ingest/src/main.js', {
          ...common,
          GREENOPS_OTLP_HTTP_PORT: String(httpPort),
          GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
        }),
      );
      ingestUrls.push(`http://127.0.0.1:${httpPort}/v1/traces`);
    }
    await Promise.all([
      ...projectors.map((p) => p.start(/consuming/)),
      ...ingests.map((p) => p.start(/OTLP\/gRPC at/)),
    ]);
  }, 240000);

  afterAll(async () => {
    await Promise.all(services().map((s) => s.stop()));
    await db?.close();
    await database?.drop();
  }, 120000);

  /** Facts and sums of one project in projection version 1, straight from emission_facts. */
  async function projectFacts(
    project: string,
  ): Promise<{ n: number; energyKwh: number; operationalG: number; co2eG: number }> {
    const rows: Array<{ n: string; energy: number; operational: number; co2e: number }> =
      await db.dataSource.query(
        `select count(*)::text as n, coalesce(sum(energy_kwh), 0)::float8 as energy,
                coalesce(sum(operational_g), 0)::float8 as operational,
                coalesce(sum(co2e_g), 0)::float8 as co2e
           from emission_facts where tenant_id = $1 and project_id = $2 and projection_version = 1`,
        [tenant, project],
      );
    return {
      n: Number(rows[0].n),
      energyKwh: rows[0].energy,
      operationalG: rows[0].operational,
      co2eG: rows[0].co2e,
    };
  }

  /** Sends spans from..to of every project, 25 per request, alternating between the ingests. */
  async function sendRound(from: number, to: number): Promise<number[]> {
    const clients = ingestUrls.map(
      (url) => new RetryingOtlpClient(url, apiKey, { deadlineMs: 120000 }),
    );
    const perIngest = ingestUrls.map(() => 0);
    const requests: Array<{ project: string; from: number; to: number }> = [];
    for (const project of projects)
      for (let s = from; s < to; s += 25)
        requests.push({ project, from: s, to: Math.min(to, s + 25) });
    let next = 0;
    const sender = async () => {
      for (let r = next++; r < requests.length; r = next++) {
        const ingest = r % clients.length; // round robin, as a load balancer in front of them
        const { project, from: a, to: b } = requests[r];
        const delivery = await clients[ingest].send(otlpJsonBody(frameSpans(project, a, b)));
        expect(delivery).toMatchObject({ status: 200, rejectedSpans: 0 });
        perIngest[ingest] += b - a;
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    return perIngest;
  }

  async function waitForEveryProject(count: number): Promise<void> {
    await waitFor(
      async () => (await Promise.all(projects.map(projectFacts))).every((f) => f.n >= count),
      {
        timeoutMs: 180000,
        intervalMs: 250,
        description: `${count} facts in each project (${logs()})`,
      },
    );
  }

  it('splits the partitions, counts every span once, and still does when one projector leaves', async () => {
    // The group settles with the six partitions split three and three.
    let owned: number[][] = [];
    await waitFor(
      async () => {
        owned = await Promise.all(statusPorts.map((p) => ownedPartitions(p).catch(() => [])));
        return owned.every((o) => o.length === 3);
      },
      { timeoutMs: 60000, intervalMs: 250, description: `partitions split 3 + 3 (${logs()})` },
    );
    expect([...owned[0], ...owned[1]].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    // Both projectors have work: the 12 projects' keys (tenant/project) land in partitions of each.
    const ourPartitions = new Set(projects.map((p) => partitionOfKey(`${tenant}/${p}`, 6)));
    for (const mine of owned) expect(mine.some((p) => ourPartitions.has(p))).toBe(true);

    // Round 1: 12 projects × 50 spans through both ingests, both projectors running.
    const round1 = await sendRound(0, 50);
    // 600 spans in 24 requests of 25, alternating: 12 requests (300 spans) to each ingest.
    expect(round1).toEqual([300, 300]);
    await waitForEveryProject(50);

    // Projector 2 leaves (clean stop): projector 1 takes all six partitions over.
    await projectors[1].stop();
    await waitFor(async () => (await ownedPartitions(statusPorts[0])).length === 6, {
      timeoutMs: 60000,
      intervalMs: 250,
      description: `projector 1 owns all partitions (${logs()})`,
    });

    // Round 2: spans 50..99 of each project, all projected by projector 1 now.
    const round2 = await sendRound(50, 100);
    expect(round2).toEqual([300, 300]);
    await waitForEveryProject(100);
    // Let any straggler (a duplicate that would be counted twice) arrive before the exact check.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    // Each project: 100 distinct frame spans (frameTotals): 100 × 0.01 kWh = 1 kWh;
    // 100 × (0.01 kWh × 100 g/kWh) = 100 g operational; embodied 100 × 0.0566971… g
    // (Carbon Trust workstation, 447 kg / 21,900 h, per 10 s) = 5.66971… g; co2e 105.66971… g.
    const expected = frameTotals(100);
    expect(expected.embodiedG).toBeCloseTo(5.669710806, 8);
    for (const project of projects) {
      const facts = await projectFacts(project);
      expect(facts.n).toBe(100);
      expect(facts.energyKwh).toBeCloseTo(1, 9);
      expect(facts.operationalG).toBeCloseTo(100, 9);
      expect(facts.co2eG).toBeCloseTo(105.669710806, 6);
    }
    // The whole tenant: 12 × 100 = 1,200 facts, no more.
    const [{ n }]: Array<{ n: string }> = await db.dataSource.query(
      'select count(*)::text as n from emission_facts where tenant_id = $1',
      [tenant],
    );
    expect(Number(n)).toBe(1200);
  });
});
