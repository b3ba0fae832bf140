import type { Pool } from 'pg';
import type { ResourceLimits } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { baseDataSourceOptions } from './data-source-options';
import { detectCapabilities, type DatabaseHandle } from './database-handle';
import { startPgliteHost } from './embedded/pglite-host';
import { poolActivity } from './embedded/pool-activity';
import { ReadGate } from './embedded/read-gate';

export interface EmbeddedTimescaleOptions {
  /** Undefined: in-memory. */
  dataDir?: string;
  /** Heap limits of the database worker thread (Node's defaults when unset). */
  workerResourceLimits?: ResourceLimits;
  /** The database worker died and was restarted on the same data folder. */
  onWorkerRestarted?: (cause: Error, restarts: number) => void;
  /** The database worker died for good (in memory, or a crash loop): stop using the database. */
  onWorkerFailed?: (cause: Error) => void;
}

/**
 * Embedded TimescaleDB: the PGlite build with the timescaledb extension (in a worker thread
 * of this process), served on 127.0.0.1 at a random free port by pglite-socket, so the same
 * pg/TypeORM code as the distributed mode talks to it. Reads go through a ReadGate: the one
 * connection serves writes first.
 */
export async function openEmbeddedTimescale(
  opts: EmbeddedTimescaleOptions = {},
): Promise<DatabaseHandle> {
  const host = await startPgliteHost({
    dataDir: opts.dataDir,
    resourceLimits: opts.workerResourceLimits,
    onRestarted: opts.onWorkerRestarted,
    onFailed: opts.onWorkerFailed,
  });
  const dataSource = new DataSource({
    ...baseDataSourceOptions(),
    host: '127.0.0.1',
    port: host.port,
    username: 'postgres',
    database: 'postgres',
    // pglite-socket serves one client connection at a time. Never let the pool close the
    // idle one: a reconnect racing the old socket's close would be refused.
    poolSize: 1,
    extra: { max: 1, idleTimeoutMillis: 0 },
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const capabilities = await detectCapabilities(dataSource);
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    return {
      dataSource,
      capabilities,
      reads: new ReadGate(poolActivity(pool)),
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        await host.stop();
      },
    };
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await host.stop();
    throw error;
  }
}
