import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { PersistenceInputError } from './persistence-input.error';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const TOPIC = 'greenops.activities.v1';

describe.each(BACKENDS)('EmissionStore on $name', (backend) => {
  let opened: OpenedBackend;
  let store: EmissionStore;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    store = new EmissionStore(opened.db);
    queries = new EmissionQueries(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('commits facts, artifacts and offsets together and reports the facts inserted', async () => {
    const result = await store.commitBatch({
      facts: [
        renderFact({
          tenant: 't-commit',
          projectId: 'p1',
          occurredAt: '2026-03-01T10:00:00Z',
          energyKwh: 2,
          artifactId: 'clip-1',
        }),
        renderFact({
          tenant: 't-commit',
          projectId: 'p1',
          occurredAt: '2026-03-01T11:00:00Z',
          energyKwh: 1,
        }),
      ],
      artifacts: [
        {
          tenant: 't-commit',
          projectId: 'p1',
          artifactId: 'clip-1',
          parentId: 'shot-1',
          kind: 'video',
          seenAt: '2026-03-01T10:00:00Z',
        },
      ],
      offsets: [
        { group: 'g-commit', topic: TOPIC, partition: 0, nextOffset: '17' },
        { group: 'g-commit', topic: TOPIC, partition: 3, nextOffset: '9007199254740993' }, // > 2^53: kept exact
      ],
    });
    expect(result).toEqual({ insertedFacts: 2, replacedFacts: 0 });
    expect(await store.nextOffsets('g-commit', TOPIC)).toEqual(
      new Map([
        [0, '17'],
        [3, '9007199254740993'],
      ]),
    );
    // 2 kWh + 1 kWh = 3 kWh; 3 kWh × 100 g/kWh = 300 g.
    const totals = await queries.projectTotals('t-commit', 'p1');
    expect(totals?.energyKwh).toBeCloseTo(3, 9);
    expect(totals?.co2eG).toBeCloseTo(300, 9);
    expect(await queries.artifact('t-commit', 'p1', 'shot-1')).toEqual({
      id: 'shot-1',
      projectId: 'p1',
      kind: null,
      status: null,
      parentId: null,
    });
  });

  it('stores text with quotes, commas, backslashes and line breaks as given, and a missing artifact as null', async () => {
    // COPY's CSV on a PostgreSQL server, parameter arrays elsewhere: the same values back.
    const hostile = renderFact({
      tenant: 't-text',
      projectId: 'p "1", a\\b\nc',
      occurredAt: '2026-03-02T10:00:00Z',
      energyKwh: 0.1,
      artifactId: 'clip,"2"\r\n',
    });
    hostile.result = {
      ...hostile.result,
      factorIds: ['a"b', 'c,d', 'e\\f'],
      notes: ['quote " and comma ,'],
    };
    const plain = renderFact({
      tenant: 't-text',
      projectId: 'p2',
      occurredAt: '2026-03-02T11:00:00Z',
      energyKwh: 1e-7,
    });
    expect(
      await store.commitBatch({ facts: [hostile, plain], artifacts: [], offsets: [] }),
    ).toEqual({ insertedFacts: 2, replacedFacts: 0 });
    const rows: Array<Record<string, unknown>> = await opened.db.dataSource.query(
      `select project_id, artifact_id, factor_ids, notes, energy_kwh
         from emission_facts where tenant_id = $1 order by occurred_at`,
      ['t-text'],
    );
    expect(rows).toEqual([
      {
        project_id: 'p "1", a\\b\nc',
        artifact_id: 'clip,"2"\r\n',
        factor_ids: ['a"b', 'c,d', 'e\\f'],
        notes: ['quote " and comma ,'],
        energy_kwh: 0.1,
      },
      {
        project_id: 'p2',
        artifact_id: null,
        factor_ids: plain.result.factorIds,
        notes: [],
        energy_kwh: 1e-7,
      },
    ]);
  });

  it('moves offsets forward on later batches', async () => {
    await store.commitBatch({
      facts: [],
      artifacts: [],
      offsets: [{ group: 'g-commit', topic: TOPIC, partition: 0, nextOffset: '18' }],
    });
    expect((await store.nextOffsets('g-commit', TOPIC)).get(0)).toBe('18');
    expect(await store.nextOffsets('g-unknown', TOPIC)).toEqual(new Map());
  });

  it('counts a duplicate event once, across batches and within one batch', async () => {
    const fact = renderFact({
      tenant: 't-dup',
      projectId: 'p1',
      occurredAt: '2026-03-05T08:00:00Z',
      energyKwh: 4,
    });
    expect(
      (await store.commitBatch({ facts: [fact, fact], artifacts: [], offsets: [] })).insertedFacts,
    ).toBe(1);
    expect(
      (await store.commitBatch({ facts: [fact], artifacts: [], offsets: [] })).insertedFacts,
    ).toBe(0);
    const totals = await queries.projectTotals('t-dup', 'p1');
    // One fact: 4 kWh × 100 g/kWh = 400 g.
    expect(totals?.activityCount).toBe(1);
    expect(totals?.co2eG).toBeCloseTo(400, 9);
    // The daily rollup (plain PG) / continuous aggregate (Timescale) counts it once too.
    expect(await queries.dailyProjectTotals('t-dup', 'p1', '2026-03-05', '2026-03-06')).toEqual([
      { day: '2026-03-05', co2eG: 400, energyKwh: 4 },
    ]);
  });

  it('a batch that fails in the database leaves no facts, artifacts, rollup or offsets', async () => {
    const q = (sql: string) => opened.db.dataSource.query(sql);
    // A real constraint violation on the last statement of the transaction (offsets).
    await q(
      `alter table consumer_offsets add constraint test_no_poison check (consumer_group <> 'poison')`,
    );
    try {
      const failing = store.commitBatch({
        facts: [
          renderFact({
            tenant: 't-atomic',
            projectId: 'p1',
            occurredAt: '2026-03-07T08:00:00Z',
            energyKwh: 1,
          }),
        ],
        artifacts: [
          {
            tenant: 't-atomic',
            projectId: 'p1',
            artifactId: 'a1',
            kind: 'video',
            seenAt: '2026-03-07T08:00:00Z',
          },
        ],
        offsets: [{ group: 'poison', topic: TOPIC, partition: 0, nextOffset: '5' }],
      });
      await expect(failing).rejects.toThrow(/test_no_poison/);
    } finally {
      await q(`alter table consumer_offsets drop constraint test_no_poison`);
    }
    expect(await queries.projectTotals('t-atomic', 'p1')).toBeNull();
    expect(await queries.artifact('t-atomic', 'p1', 'a1')).toBeNull();
    expect(await store.nextOffsets('poison', TOPIC)).toEqual(new Map());
    expect(await queries.dailyProjectTotals('t-atomic', 'p1', '2026-03-07', '2026-03-08')).toEqual(
      [],
    );
  });

  it('rejects invalid input naming the field, writing nothing', async () => {
    const good = renderFact({
      tenant: 't-bad',
      projectId: 'p1',
      occurredAt: '2026-03-08T08:00:00Z',
      energyKwh: 1,
    });
    const bad = {
      ...renderFact({
        tenant: 't-bad',
        projectId: 'p1',
        occurredAt: '2026-03-08T08:00:00Z',
        energyKwh: 1,
      }),
      eventId: 'nope',
    };
    const attempt = store.commitBatch({ facts: [good, bad], artifacts: [], offsets: [] });
    await expect(attempt).rejects.toBeInstanceOf(PersistenceInputError);
    await expect(attempt).rejects.toMatchObject({
      field: 'facts[1].eventId',
      reason: 'must be a UUID',
    });
    await expect(
      store.commitBatch({
        facts: [],
        artifacts: [],
        offsets: [{ group: 'g', topic: TOPIC, partition: 0, nextOffset: '-1' }],
      }),
    ).rejects.toMatchObject({ field: 'offsets[0].nextOffset' });
    expect(await queries.projectTotals('t-bad', 'p1')).toBeNull();
  });

  it('fills artifact kind/status/parent later without erasing known values', async () => {
    const t = 't-art';
    await store.commitBatch({
      facts: [],
      artifacts: [
        // shot-9 is first only named as a parent…
        {
          tenant: t,
          projectId: 'p1',
          artifactId: 'clip-9',
          parentId: 'shot-9',
          kind: 'video',
          status: 'draft',
          seenAt: '2026-03-01T10:00:00Z',
        },
      ],
      offsets: [],
    });
    await store.commitBatch({
      facts: [],
      artifacts: [
        // …then reports itself; then clip-9 is approved by a span that names neither kind nor parent.
        {
          tenant: t,
          projectId: 'p1',
          artifactId: 'shot-9',
          parentId: 'scene-9',
          kind: 'shot',
          seenAt: '2026-03-01T11:00:00Z',
        },
        {
          tenant: t,
          projectId: 'p1',
          artifactId: 'clip-9',
          status: 'approved',
          seenAt: '2026-03-01T12:00:00Z',
        },
      ],
      offsets: [],
    });
    // An older event replayed late does not override the newer status.
    await store.commitBatch({
      facts: [],
      artifacts: [
        {
          tenant: t,
          projectId: 'p1',
          artifactId: 'clip-9',
          status: 'draft',
          seenAt: '2026-03-01T09:00:00Z',
        },
      ],
      offsets: [],
    });
    expect(await queries.artifact(t, 'p1', 'clip-9')).toEqual({
      id: 'clip-9',
      projectId: 'p1',
      kind: 'video',
      status: 'approved',
      parentId: 'shot-9',
    });
    expect(await queries.artifact(t, 'p1', 'shot-9')).toEqual({
      id: 'shot-9',
      projectId: 'p1',
      kind: 'shot',
      status: null,
      parentId: 'scene-9',
    });
    expect(await queries.artifact(t, 'p1', 'scene-9')).toEqual({
      id: 'scene-9',
      projectId: 'p1',
      kind: null,
      status: null,
      parentId: null,
    });
  });
});
