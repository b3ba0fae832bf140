import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { detectCapabilities, type DatabaseHandle } from './database-handle';
import { DirectReads } from './read-scheduler';

/** Arbitrary constant: serialises migrations when several services start against one database. */
const MIGRATION_LOCK_KEY = 725_600_001;

export interface PostgresOptions {
  poolSize?: number;
  /**
   * PostgreSQL `statement_timeout` for every statement of this pool (the gateway's reads):
   * a statement running longer is cancelled and reported as a ReadTimeoutError. Migrations run
   * on a separate connection without it.
   */
  statementTimeoutMs?: number;
}

/**
 * Opens a PostgreSQL (TimescaleDB when the server has the extension) database through a pg
 * pool and runs pending migrations.
 */
export async function openPostgres(
  url: string,
  opts: PostgresOptions = {},
): Promise<DatabaseHandle> {
  const timeoutMs = opts.statementTimeoutMs ?? null;
  if (timeoutMs !== null) {
    const migrator = new DataSource({ ...baseDataSourceOptions(), url, poolSize: 1 });
    await migrator.initialize();
    try {
      await runMigrationsLocked(url, migrator);
    } finally {
      await migrator.destroy();
    }
  }
  const dataSource = new DataSource({
    ...baseDataSourceOptions(),
    url,
    poolSize: opts.poolSize ?? 10,
    ...(timeoutMs === null ? {} : { extra: { statement_timeout: timeoutMs } }),
  });
  await dataSource.initialize();
  try {
    if (timeoutMs === null) await runMigrationsLocked(url, dataSource);
    const capabilities = { ...(await detectCapabilities(dataSource)), copyIn: true };
    return {
      dataSource,
      capabilities,
      reads: new DirectReads(timeoutMs),
      close: () => dataSource.destroy(),
    };
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
