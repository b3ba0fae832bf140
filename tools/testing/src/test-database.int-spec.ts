import { Client } from 'pg';
import { createTestDatabase } from './test-database';
import { pgServerUrl } from './pg-server';

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: pgServerUrl() });
  await client.connect();
  try {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase (real PostgreSQL)', () => {
  it('creates a usable database and drops it even while a connection is still open', async () => {
    const db = await createTestDatabase('testing_helper');
    expect(db.name).toMatch(/^testing_helper_/);
    expect(await databaseExists(db.name)).toBe(true);

    const leftOpen = new Client({ connectionString: db.url });
    leftOpen.on('error', () => undefined); // the drop terminates this connection on purpose
    await leftOpen.connect();
    const current = await leftOpen.query<{ name: string }>('select current_database() as name');
    expect(current.rows[0]!.name).toBe(db.name);

    await db.drop();
    expect(await databaseExists(db.name)).toBe(false);
    await db.drop(); // a second drop is harmless
    await leftOpen.end().catch(() => undefined);
  });
});
