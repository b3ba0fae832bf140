import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { detectCapabilities, type DatabaseHandle } from './database-handle';

/** Arbitrary constant: serialises migrations when several services start against one database. */
const MIGRATION_LOCK_KEY = 725_600_001;

/**
 * Opens a PostgreSQL (TimescaleDB when the server has the extension) database through a pg
 * pool and runs pending migrations.
 */
export async function openPostgres(
  url: string,
  opts: { poolSize?: number } = {},
): Promise<DatabaseHandle> {
  const dataSource = new DataSource({
    ...baseDataSourceOptions(),
    url,
    poolSize: opts.poolSize ?? 10,
  });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(url, dataSource);
    const capabilities = await detectCapabilities(dataSource);
    return { dataSource, capabilities, close: () => dataSource.destroy() };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * TypeORM takes no lock of its own; projector and gateway starting together on a fresh
 * database would both try to create the tables. A session advisory lock held on a separate
 * connection makes the second wait, then find nothing pending.
 */
async function runMigrationsLocked(url: string, dataSource: DataSource): Promise<void> {
  const lockClient = new Client({ connectionString: url });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // 'each': one transaction per migration, so a failure leaves earlier ones applied.
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockClient.end();
  }
}
