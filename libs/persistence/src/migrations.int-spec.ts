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
      'ReadAggregates1767225600300',
    ]);
  });

  it('re-opening an already migrated database succeeds', async () => {
    if (!opened.reopen) return; // embedded: covered by the dataDir reopen test
    const second = await opened.reopen();
    try {
      expect(second.capabilities.timescale).toBe(backend.expectTimescale);
    } finally {
      await second.close();
    }
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
      expect(rows[0].n).toBe(5);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await database.drop();
    }
  });
});
