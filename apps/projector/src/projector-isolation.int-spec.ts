import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { encodeLogRecord, TOPICS, type ActivityRecorded } from '@greenops/contracts';
import {
  KafkaEventLogConsumer,
  KafkaEventLogInspector,
  KafkaEventLogPublisher,
} from '@greenops/messaging';
import {
  EmissionQueries,
  EmissionStore,
  openPostgres,
  ProjectionRegistry,
  type DatabaseHandle,
} from '@greenops/persistence';
import {
  createTestDatabase,
  kafkaBrokers,
  uniqueTopic,
  waitFor,
  type TestDatabase,
} from '@greenops/testing';
import { startProjectorWorkers, type ProjectorWorkers } from './projector-workers';
import { gridTieIn } from './testing/embedded-log-harness';

// Hand-worked figures (docs/methodology.md §4, §6 onset.energy): a measured GB grid tie-in has no
// embodied share and no training, so CO2e = kWh × 215.79 gCO2e/kWh (the shipped GB grid factor,
// Ember via @tgwf/co2 0.19.0).

/**
 * The projector workers of distributed mode (startProjectorWorkers, as apps/projector/src/main.ts
 * wires them) on a real Kafka broker and a real PostgreSQL database. The activities and DLQ
 * topics are this file's own (one partition each), so the log positions are known.
 */
describe('projector failure isolation (Kafka, PostgreSQL)', () => {
  const suffix = randomBytes(3).toString('hex');
  const topics: Record<string, string> = {
    [TOPICS.activities]: uniqueTopic('isolation-activities'),
    [TOPICS.activitiesDlq]: uniqueTopic('isolation-dlq'),
  };
  const activities = topics[TOPICS.activities];
  const brokers = kafkaBrokers();
  const kafka = new Kafka({ clientId: 'isolation-int', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  let database: TestDatabase;
  let db: DatabaseHandle;
  let publisher: KafkaEventLogPublisher;
  let workers: ProjectorWorkers;
  let queries: EmissionQueries;
  const warnings: string[] = [];

  const failures = (tenant: string) =>
    db.dataSource.query(
      `select event_id, log_offset::text as "offset", stage, field, reason
         from projection_failures where tenant_id = $1 order by id`,
      [tenant],
    ) as Promise<Array<Record<string, string>>>;
  const publish = async (events: ActivityRecorded[]) => {
    await publisher.publish(
      events.map((e) => {
        const encoded = encodeLogRecord(e, { topic: activities, partition: 0 });
        if (!encoded.ok) throw new Error(`${encoded.field}: ${encoded.reason}`);
        return encoded.record;
      }),
    );
  };

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 1 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
    await producer.connect();
    database = await createTestDatabase('projector_isolation');
    db = await openPostgres(database.url, { poolSize: 4 });
    const store = new EmissionStore(db);
    queries = new EmissionQueries(db);
    publisher = new KafkaEventLogPublisher({ brokers, clientId: 'isolation-int' });
    workers = await startProjectorWorkers({
      store,
      registry: new ProjectionRegistry(db),
      publisher,
      inspector: new KafkaEventLogInspector(brokers),
      consumerFor: (groupId, topic) =>
        new KafkaEventLogConsumer({ brokers, groupId, topic: topics[topic], positions: store }),
      groupId: `isolation-${suffix}`,
      log: () => undefined,
      warn: (line) => warnings.push(line),
      progressIntervalMs: 0,
    });
  });
  afterAll(async () => {
    await workers?.stop();
    await publisher?.close();
    await producer.disconnect();
    await db?.close();
    await database?.drop();
  });

  it('records a poison record written straight to the topic, and the partition goes on', async () => {
    const tenant = `poison-${suffix}`;
    await publish([gridTieIn(tenant, 'stage', 'a000000000000001', 1, '2026-04-01T08:00:00.000Z')]);
    await producer.send({
      topic: activities,
      messages: [{ partition: 0, key: `${tenant}/stage`, value: '{"type":"ActivityRecorded",' }],
    });
    await publish([gridTieIn(tenant, 'stage', 'a000000000000002', 2, '2026-04-01T09:00:00.000Z')]);

    await waitFor(async () => (await queries.projectTotals(tenant, 'stage'))?.activityCount === 2, {
      timeoutMs: 60000,
      description: 'both valid activities counted',
    });
    // (1 + 2) kWh × 215.79 g/kWh = 647.37 g
    expect((await queries.projectTotals(tenant, 'stage'))?.co2eG).toBeCloseTo(647.37, 9);
    const recorded = await failures(tenant);
    // Offsets count the transaction markers of the publisher too: the poison lies between
    // the two valid records.
    expect(recorded).toEqual([
      {
        event_id: null,
        offset: expect.stringMatching(/^\d+$/),
        stage: 'parse',
        field: '(record)',
        reason: expect.stringContaining('not JSON'),
      },
    ]);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^projector: did not count ${activities}\\[0\\]@${recorded[0].offset} - \\(parse\\): \\(record\\): `,
        ),
      ),
    );
  });

  it("a tenant's unusable factor set (accepted by an older version) does not stop other tenants", async () => {
    const a = `tenant-a-${suffix}`;
    const b = `tenant-b-${suffix}`;
    // Straight into the store, past today's validation: GB at 1e308 g/kWh, and A served with it.
    await db.dataSource.query(
      `insert into tenant_factor_sets (tenant_id, version, base_version, name, factors, event_id, published_at)
       values ($1, 'old+bad', $2, 'bad', $3::jsonb, gen_random_uuid(), now())`,
      [
        a,
        '2026.13.0',
        JSON.stringify([
          { id: 'grid.location.GB', value: 1e308, unit: 'gCO2e/kWh', source: 'old', year: 2026 },
        ]),
      ],
    );
    await db.dataSource.query(
      `insert into tenant_projections (tenant_id, current_version, current_factor_set_version)
       values ($1, 2, 'old+bad')`,
      [a],
    );
    const ofA = gridTieIn(a, 'stage', 'b000000000000001', 10, '2026-04-02T08:00:00.000Z');
    await publish([ofA, gridTieIn(b, 'stage', 'b000000000000002', 3, '2026-04-02T08:00:00.000Z')]);
    await publish([gridTieIn(b, 'stage', 'b000000000000003', 1, '2026-04-02T09:00:00.000Z')]);

    await waitFor(async () => (await queries.projectTotals(b, 'stage'))?.activityCount === 2, {
      timeoutMs: 60000,
      description: "tenant B's activities counted",
    });
    // B: (3 + 1) kWh × 215.79 g/kWh = 863.16 g
    expect((await queries.projectTotals(b, 'stage'))?.co2eG).toBeCloseTo(863.16, 9);
    expect((await queries.projectTotals(a, 'stage'))?.activityCount ?? 0).toBe(0);
    expect(await failures(a)).toEqual([
      {
        event_id: ofA.id,
        offset: expect.any(String),
        stage: 'factor-set',
        field: 'factorSet',
        reason: expect.stringContaining(
          'grid.location.GB value 1e+308 gCO2e/kWh is outside the plausible range [0, 2000]',
        ),
      },
    ]);
    expect(await failures(b)).toEqual([]);
  });

  it("facts above the per-fact ceilings are recorded, not stored: no tenant's sums or daily series fail", async () => {
    const c = `tenant-c-${suffix}`;
    const d = `tenant-d-${suffix}`;
    // 5e305 kWh passes the event contract; × 215.79 g/kWh = 1.08e308 g is still a finite float8,
    // but two of them overflow any float8 sum. Above the 1e9 kWh ceiling: recorded, not stored.
    const huge = [
      gridTieIn(c, 'stage', 'c000000000000001', 5e305, '2026-04-03T08:00:00.000Z'),
      gridTieIn(c, 'stage', 'c000000000000002', 5e305, '2026-04-03T09:00:00.000Z'),
    ];
    await publish([
      ...huge,
      gridTieIn(c, 'stage', 'c000000000000003', 1, '2026-04-03T10:00:00.000Z'),
      gridTieIn(d, 'stage', 'd000000000000001', 2, '2026-04-03T10:00:00.000Z'),
    ]);
    await waitFor(async () => (await queries.projectTotals(d, 'stage'))?.activityCount === 1, {
      timeoutMs: 60000,
      description: "tenant D's activity counted",
    });
    expect(await failures(c)).toEqual(
      huge.map((e) => ({
        event_id: e.id,
        offset: expect.any(String),
        stage: 'ceiling',
        field: 'energyItKwh.low',
        reason: '5e+305 kWh is outside [0, 1000000000] kWh, the per-fact ceiling',
      })),
    );
    // C: 1 kWh × 215.79 = 215.79 g; D: 2 kWh × 215.79 = 431.58 g, each on 2026-04-03.
    expect(await queries.dailyProjectTotals(c, 'stage', '2026-04-03', '2026-04-04')).toEqual([
      { day: '2026-04-03', co2eG: expect.closeTo(215.79, 9), energyKwh: 1 },
    ]);
    expect(await queries.dailyProjectTotals(d, 'stage', '2026-04-03', '2026-04-04')).toEqual([
      { day: '2026-04-03', co2eG: expect.closeTo(431.58, 9), energyKwh: 2 },
    ]);
  });

  it('a rebuild with an unusable factor set is not started; the served version keeps counting', async () => {
    const e = `tenant-e-${suffix}`;
    await db.dataSource.query(
      `insert into tenant_factor_sets (tenant_id, version, base_version, name, factors, event_id, published_at)
       values ($1, 'old+negative', '2026.13.0', 'negative', $2::jsonb, gen_random_uuid(), now())`,
      [
        e,
        JSON.stringify([
          { id: 'grid.location.GB', value: -500, unit: 'gCO2e/kWh', source: 'old', year: 2026 },
        ]),
      ],
    );
    // Building v2 with it, fences written (what an older version would have left behind).
    await db.dataSource.query(
      `insert into tenant_projections (tenant_id, current_version, building_version,
              building_factor_set_version, building_high_water, building_started_at)
       values ($1, 1, 2, 'old+negative', '{"0": ""}'::jsonb, now())`,
      [e],
    );
    const ofE = gridTieIn(e, 'stage', 'e000000000000001', 10, '2026-04-04T08:00:00.000Z');
    await publish([ofE]);
    await waitFor(async () => (await queries.projectTotals(e, 'stage'))?.activityCount === 1, {
      timeoutMs: 60000,
      description: "tenant E's activity counted in its served version",
    });
    // Served v1 with the shipped factor: 10 kWh × 215.79 g/kWh = 2,157.9 g (not −5,000 g).
    expect((await queries.projectTotals(e, 'stage'))?.co2eG).toBeCloseTo(2157.9, 9);
    // The dual write into v2 is recorded, not counted.
    expect(await failures(e)).toEqual([
      expect.objectContaining({ event_id: ofE.id, stage: 'factor-set', field: 'factorSet' }),
    ]);
    await waitFor(
      async () =>
        warnings.some((w) =>
          w.startsWith(`projector: rebuild of ${e} into projection v2 not started:`),
        ),
      { timeoutMs: 30000, description: 'the rebuild refused' },
    );
    expect(
      (
        await db.dataSource.query(
          'select current_version from tenant_projections where tenant_id = $1',
          [e],
        )
      )[0].current_version,
    ).toBe(1);
  });
});
