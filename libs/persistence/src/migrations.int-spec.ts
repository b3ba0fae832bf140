import type { DataSource } from 'typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedEngine } from './embedded/embedded-engine';
import { openEmbeddedTimescale } from './open-embedded-timescale';
import { MIGRATIONS } from './migrations';
import { openPostgres } from './open-postgres';
import { createScratchDatabase } from './testing/scratch-database';
import { BACKENDS, type OpenedBackend } from './testing/backends';

describe.each(BACKENDS)('migrations and capabilities on $name', (backend) => {
  let opened: OpenedBackend;

  beforeAll(async () => {
    opened = await backend.open();
    console.log(`[timing] ${backend.name}: open + migrate ${opened.openMs} ms`);
  });
  afterAll(() => opened?.dispose());

  it('detects TimescaleDB only where the extension exists', () => {
    expect(opened.db.capabilities.timescale).toBe(backend.expectTimescale);
  });

  it('ran every migration once, and running them again does nothing', async () => {
    const again = await opened.db.dataSource.runMigrations({ transaction: 'each' });
    expect(again).toEqual([]);
    const rows: Array<{ name: string }> = await opened.db.dataSource.query(
      'select name from migrations order by id',
    );
    expect(rows.map((r) => r.name)).toEqual([
      'BaseTables1767225600000',
      'TimescaleOrRollup1767225600001',
      'FactorSetsAndProjections1767225600002',
      'DeadLetterLogPosition1767225600003',
      'ProjectionFailures1767225600100',
      'CountedFacts1767225600101',
      'ArtifactFieldRecency1767225600102',
      'ReadAggregates1767225600300',
      'ProjectorInstances1767225600500',
      'InsightsTables1767225600700',
      'Retention1767225600800',
      'FactNotes1767225600900',
      'RetentionEnforcement1767225601000',
      'TelemetryRetention1767225601100',
      'ActivityInputs1767225601200',
      'BenchmarkSharing1767225601600',
      'RetentionMoves1767225601700',
      'ProjectKpiAggregates1767225601750',
      'ProjectionFailuresPerEvent1767225601800',
      'ArtifactKpiDaily1767225601900',
      'InlinableClamp1767225601950',
      'AggregateFillfactor1767225601951',
    ]);
  });

  it('builds the hypertable and continuous aggregate, or the plain rollup table', async () => {
    const q = (sql: string, params: unknown[] = []) =>
      opened.db.dataSource.query(sql, params) as Promise<unknown[]>;
    if (backend.expectTimescale) {
      expect(
        await q('select 1 from timescaledb_information.hypertables where hypertable_name = $1', [
          'emission_facts',
        ]),
      ).toHaveLength(1);
      expect(
        await q(
          'select 1 from timescaledb_information.continuous_aggregates where view_name = $1',
          ['project_daily_emissions'],
        ),
      ).toHaveLength(1);
      expect(
        await q(
          `select 1 from timescaledb_information.compression_settings
            where hypertable_name = $1 and segmentby_column_index is not null`,
          ['emission_facts'],
        ),
      ).toHaveLength(2); // tenant_id, project_id
    } else {
      expect(
        await q('select to_regclass($1) is not null as ok', ['project_daily_emissions_rollup']),
      ).toEqual([{ ok: true }]);
      expect(
        await q('select to_regclass($1) is not null as ok', ['project_daily_emissions']),
      ).toEqual([{ ok: false }]);
    }
  });
});

// Re-opening differs by kind of backend: a PostgreSQL server takes a second service while the
// first runs; an embedded database belongs to one process, so it re-opens its data folder after
// a clean stop (as `npm start` does after a restart).
describe('re-opening an already migrated database', () => {
  it('PostgreSQL 15 server: a second service opens it while the first runs, migrating nothing', async () => {
    const database = await createScratchDatabase('persistence_reopen');
    try {
      const first = await openPostgres(database.url, { poolSize: 2 });
      const second = await openPostgres(database.url, { poolSize: 2 });
      try {
        expect(second.capabilities.timescale).toBe(false);
        expect(await second.dataSource.runMigrations({ transaction: 'each' })).toEqual([]);
        expect(await appliedMigrations(second.dataSource)).toEqual(allMigrations(second));
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    } finally {
      await database.drop();
    }
  });

  it.each<{ engine: EmbeddedEngine; timescale: boolean }>([
    { engine: 'timescale', timescale: true },
    { engine: 'pglite', timescale: false },
  ])(
    'embedded $engine: the data folder opens again after a clean stop, migrating nothing',
    async ({ engine, timescale }) => {
      const dataDir = mkdtempSync(join(tmpdir(), `greenops-reopen-${engine}-`));
      try {
        const first = await openEmbeddedTimescale({ dataDir, engine });
        await first.close();
        const second = await openEmbeddedTimescale({ dataDir, engine });
        try {
          expect(second.capabilities.timescale).toBe(timescale);
          expect(await second.dataSource.runMigrations({ transaction: 'each' })).toEqual([]);
          expect(await appliedMigrations(second.dataSource)).toEqual(allMigrations(second));
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});

describe('openPostgres on a fresh database from two services at once', () => {
  it('serialises the migrations: both open, each migration applied once', async () => {
    const database = await createScratchDatabase('persistence_race');
    try {
      const [a, b] = await Promise.all([
        openPostgres(database.url, { poolSize: 2 }),
        openPostgres(database.url, { poolSize: 2 }),
      ]);
      const rows: Array<{ n: number }> = await a.dataSource.query(
        'select count(*)::int as n from migrations',
      );
      expect(rows[0].n).toBe(MIGRATIONS.length);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await database.drop();
    }
  });
});

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await dataSource.query(
    'select name from migrations order by id',
  );
  return rows.map((r) => r.name);
}

/** Every migration the code ships, in order (each must have been applied exactly once). */
function allMigrations(db: { dataSource: DataSource }): string[] {
  return db.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
}
