import { openEmbeddedTimescale } from './open-embedded-timescale';

// The worker serves the pool through PGlite's execProtocol with throwOnError off
// (embedded/pglite-worker-source.ts): PostgreSQL's errors must still reach the client as errors,
// and the session must go on serving after them.
describe('errors through the embedded database socket', () => {
  it('answers a failing statement with its PostgreSQL error, then serves the next one', async () => {
    const db = await openEmbeddedTimescale();
    try {
      await expect(db.dataSource.query('select 1 / 0 as x')).rejects.toThrow('division by zero');
      expect(await db.dataSource.query('select 2 + 3 as five')).toEqual([{ five: 5 }]);
    } finally {
      await db.close();
    }
  });

  it('rolls back a transaction whose statement failed, keeping nothing of it', async () => {
    const db = await openEmbeddedTimescale();
    try {
      await db.dataSource.query('create table socket_probe (id int primary key)');
      await expect(
        db.dataSource.transaction(async (tx) => {
          await tx.query('insert into socket_probe (id) values ($1)', [1]);
          await tx.query('insert into socket_probe (id) values ($1)', [1]); // duplicate key
        }),
      ).rejects.toThrow('duplicate key value violates unique constraint');
      expect(await db.dataSource.query('select count(*)::int as n from socket_probe')).toEqual([
        { n: 0 },
      ]);
    } finally {
      await db.close();
    }
  });
});
