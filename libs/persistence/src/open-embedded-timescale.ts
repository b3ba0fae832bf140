import { DataSource } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { detectCapabilities, type DatabaseHandle } from './database-handle';
import { startPgliteHost } from './embedded/pglite-host';

/**
 * Embedded TimescaleDB: the PGlite build with the timescaledb extension (in a worker thread
 * of this process), served on 127.0.0.1 at a random free port by pglite-socket, so the same
 * pg/TypeORM code as the distributed mode talks to it. `dataDir` undefined = in-memory.
 */
export async function openEmbeddedTimescale(
  opts: { dataDir?: string } = {},
): Promise<DatabaseHandle> {
  const host = await startPgliteHost(opts.dataDir);
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
    return {
      dataSource,
      capabilities,
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
