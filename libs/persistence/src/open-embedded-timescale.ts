import { DataSource } from 'typeorm';
import { baseDataSourceOptions } from './data-source-options';
import { detectCapabilities, type DatabaseHandle } from './database-handle';
import { DEFAULT_EMBEDDED_ENGINE, type EmbeddedEngine } from './embedded/embedded-engine';
import { startPgliteHost } from './embedded/pglite-host';

/**
 * Embedded TimescaleDB: the PGlite build with the timescaledb extension (in a worker thread
 * of this process), served on 127.0.0.1 at a random free port by pglite-socket, so the same
 * pg/TypeORM code as the distributed mode talks to it. `dataDir` undefined = in-memory.
 * `engine: 'pglite'` runs the official PGlite build instead, on the plain-PostgreSQL schema
 * (docs/supply-chain.md).
 */
export async function openEmbeddedTimescale(
  opts: { dataDir?: string; engine?: EmbeddedEngine } = {},
): Promise<DatabaseHandle> {
  const engine = opts.engine ?? DEFAULT_EMBEDDED_ENGINE;
  const host = await startPgliteHost(opts.dataDir, engine);
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
    if (engine === 'pglite') await refuseTimescaleDataDir(dataSource, opts.dataDir);
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

/**
 * A data folder created by the TimescaleDB engine has hypertables and a continuous aggregate
 * whose functions live in the timescaledb library, which the official PGlite build lacks: it
 * would open, then fail on the first query. Say so at start instead.
 */
async function refuseTimescaleDataDir(dataSource: DataSource, dataDir?: string): Promise<void> {
  const rows: Array<{ timescale: boolean }> = await dataSource.query(
    'select exists (select 1 from pg_extension where extname = $1) as timescale',
    ['timescaledb'],
  );
  if (rows[0]?.timescale === true) {
    throw new Error(
      `the data folder ${dataDir ?? '(in-memory)'} was created by the "timescale" embedded engine; ` +
        'the "pglite" engine cannot read its hypertables. Start with GREENOPS_EMBEDDED_ENGINE=timescale, ' +
        'or point GREENOPS_DATA_DIR at a new folder (docs/supply-chain.md).',
    );
  }
}
