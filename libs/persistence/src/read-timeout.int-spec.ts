import { openPostgres } from './open-postgres';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database';
import type { DatabaseHandle } from './database-handle';

describe('statement timeout of a PostgreSQL read pool', () => {
  let database: ScratchDatabase;
  let db: DatabaseHandle;

  beforeAll(async () => {
    database = await createScratchDatabase('read_timeout');
    db = await openPostgres(database.url, { poolSize: 1, statementTimeoutMs: 200 });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('cancels a statement that runs past it and reports READ_TIMEOUT', async () => {
    await expect(
      db.reads.run(() => db.dataSource.query('select pg_sleep(5)')),
    ).rejects.toMatchObject({ code: 'READ_TIMEOUT', timeoutMs: 200 });
    // The connection is still usable afterwards.
    expect(await db.reads.run(() => db.dataSource.query('select 1 as one'))).toEqual([{ one: 1 }]);
  });

  it('ran the migrations without the timeout, on a connection of their own', async () => {
    // The read aggregates' backfill is one statement that may take long on a big database.
    const rows: unknown[] = await db.dataSource.query('select 1 from migrations where name = $1', [
      'ReadAggregates1767225600300',
    ]);
    expect(rows).toHaveLength(1);
  });
});
