import { DataSource } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { emissionFactParams, toEmissionFactColumns } from './emission-fact-columns';
import { INSERT_FACTS_WITH_ROLLUP } from './emission-fact-sql';
import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { MIGRATIONS } from './migrations';
import { openPostgres } from './open-postgres';
import { createScratchDatabase } from './testing/scratch-database';
import { renderFact } from './testing/fact-fixture';

/** The schema before projection failures, corrections and per-field recency. */
const PREVIOUS = MIGRATIONS.filter(
  (m) => !/^(ProjectionFailures|CountedFacts|ArtifactFieldRecency)/.test(m.name),
);

/**
 * Upgrading a PostgreSQL database with data in it (docs/architecture.md, "Corrections"):
 * totals of facts counted once stay as they were; an event counted twice (a re-send with another
 * start time, before corrections) keeps its most recently received version; a stored fact above
 * the per-fact ceilings moves to projection_failures; artifacts keep their values, each observed
 * at the row's former updated_at. Test facts: 100 g/kWh, PUE 1 (fact-fixture).
 */
describe('upgrading to counted facts and per-field recency (PostgreSQL 15, data present)', () => {
  it('keeps totals, collapses double-counted events, moves facts above the ceilings aside', async () => {
    const database = await createScratchDatabase('projector_upgrade');
    try {
      const old = new DataSource({
        ...baseDataSourceOptions(),
        migrations: PREVIOUS,
        url: database.url,
        poolSize: 1,
      });
      await old.initialize();
      await old.runMigrations({ transaction: 'each' });
      // As the store wrote facts before this upgrade (plain PostgreSQL: facts and daily rollup).
      const insert = (fact: ReturnType<typeof renderFact>) =>
        old.query(INSERT_FACTS_WITH_ROLLUP, emissionFactParams(toEmissionFactColumns([fact])));
      const e = '7b8efff7-9803-5103-9269-b633813fc60c';
      // Counted once: 2 kWh + 3 kWh in p1 → 500 g.
      await insert(
        renderFact({
          tenant: 'u',
          projectId: 'p1',
          occurredAt: '2026-03-01T10:00:00Z',
          energyKwh: 2,
        }),
      );
      await insert(
        renderFact({
          tenant: 'u',
          projectId: 'p1',
          occurredAt: '2026-03-01T11:00:00Z',
          energyKwh: 3,
          artifactId: 'clip',
        }),
      );
      // Counted twice by the old code: one span re-sent with another start (received later).
      await insert({
        ...renderFact({
          tenant: 'u',
          projectId: 'p2',
          occurredAt: '2026-03-02T10:00:00Z',
          energyKwh: 4,
          eventId: e,
        }),
        recordedAt: '2026-03-02T12:00:00Z',
      });
      await insert({
        ...renderFact({
          tenant: 'u',
          projectId: 'p2',
          occurredAt: '2026-03-02T11:00:00Z',
          energyKwh: 1,
          eventId: e,
        }),
        recordedAt: '2026-03-02T13:00:00Z',
      });
      // Above the ceiling (5e305 kWh), stored before ceilings existed, in another tenant.
      await insert(
        renderFact({
          tenant: 'v',
          projectId: 'p1',
          occurredAt: '2026-03-01T10:00:00Z',
          energyKwh: 5e305,
        }),
      );
      await old.query(
        `insert into artifacts (tenant_id, project_id, artifact_id, kind, status, first_seen_at, updated_at)
         values ('u', 'p1', 'clip', 'video', 'final', '2026-03-01T05:00:00Z', '2026-03-01T05:00:00Z')`,
      );
      await old.destroy();

      const db = await openPostgres(database.url, { poolSize: 2 });
      try {
        const queries = new EmissionQueries(db);
        // p1 unchanged: (2 + 3) kWh × 100 g/kWh = 500 g.
        expect(await queries.projectTotals('u', 'p1')).toMatchObject({
          activityCount: 2,
          energyKwh: 5,
          co2eG: 500,
        });
        expect(await queries.dailyProjectTotals('u', 'p1', '2026-03-01', '2026-03-02')).toEqual([
          { day: '2026-03-01', co2eG: 500, energyKwh: 5 },
        ]);
        // p2: only the version received last (13:00): 1 kWh → 100 g, was 5 kWh → 500 g.
        expect(await queries.projectTotals('u', 'p2')).toMatchObject({
          activityCount: 1,
          energyKwh: 1,
          co2eG: 100,
        });
        expect(await queries.dailyProjectTotals('u', 'p2', '2026-03-02', '2026-03-03')).toEqual([
          { day: '2026-03-02', co2eG: 100, energyKwh: 1 },
        ]);
        // v's fact left the facts (and its sums) for projection_failures.
        expect((await queries.projectTotals('v', 'p1'))?.activityCount ?? 0).toBe(0);
        expect((await queries.projectionFailures('v', 10)).nodes).toEqual([
          expect.objectContaining({
            stage: 'ceiling',
            reason: expect.stringContaining('above the per-fact ceilings'),
          }),
        ]);
        const artifact: Array<Record<string, unknown>> = await db.dataSource.query(
          `select kind, status, kind_at, status_at, parent_id_at from artifacts where tenant_id = 'u'`,
        );
        expect(artifact).toEqual([
          {
            kind: 'video',
            status: 'final',
            kind_at: new Date('2026-03-01T05:00:00Z'),
            status_at: new Date('2026-03-01T05:00:00Z'),
            parent_id_at: null,
          },
        ]);
        // After the upgrade, corrections work on the old data: e again, received at 14:00, 2 kWh.
        const store = new EmissionStore(db);
        const corrected = {
          ...renderFact({
            tenant: 'u',
            projectId: 'p2',
            occurredAt: '2026-03-02T10:30:00Z',
            energyKwh: 2,
            eventId: e,
          }),
          recordedAt: '2026-03-02T14:00:00Z',
        };
        expect(await store.commitBatch({ facts: [corrected], artifacts: [], offsets: [] })).toEqual(
          { insertedFacts: 1, replacedFacts: 1 },
        );
        expect(await queries.projectTotals('u', 'p2')).toMatchObject({
          activityCount: 1,
          energyKwh: 2,
          co2eG: 200,
        });
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });
});
