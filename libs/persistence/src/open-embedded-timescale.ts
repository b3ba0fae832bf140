import type { Pool } from 'pg';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { baseDataSourceOptions } from './data-source-options';
import { detectCapabilities, type DatabaseHandle } from './database-handle';
import { acquireDataDirLock, type DataDirLock } from './embedded/data-dir-lock';
import { DEFAULT_EMBEDDED_ENGINE, type EmbeddedEngine } from './embedded/embedded-engine';
import { startPgliteHost, type PgliteHost } from './embedded/pglite-host';
import { poolActivity } from './embedded/pool-activity';
import { ReadGate } from './embedded/read-gate';

export interface EmbeddedTimescaleOptions {
  /** Folder the database persists to; undefined = in-memory. */
  dataDir?: string;
  /** Who holds the data dir's lock, shown to a process that is refused (default "greenops"). */
  owner?: string;
  /**
   * Which PGlite build hosts it: `timescale` (default) or the official `pglite`, served from the
   * plain-PostgreSQL schema (docs/supply-chain.md).
   */
  engine?: EmbeddedEngine;
  /** Heap limits of the database worker thread (Node's defaults when unset). */
  workerResourceLimits?: ResourceLimits;
  /** PostgreSQL's shared_buffers, `<n>MB` (default EMBEDDED_SHARED_BUFFERS, embedded/pglite-host.ts). */
  sharedBuffers?: string;
  /** The database worker died and was restarted on the same data folder. */
  onWorkerRestarted?: (cause: Error, restarts: number) => void;
  /** The database worker died for good (in memory, or a crash loop): stop using the database. */
  onWorkerFailed?: (cause: Error) => void;
}

/** True when `dataDir` holds an initialised embedded database (PostgreSQL's PG_VERSION file). */
export function isEmbeddedDataDir(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Embedded TimescaleDB: the PGlite build with the timescaledb extension (in a worker thread
 * of this process), served on 127.0.0.1 at a random free port by pglite-socket, so the same
 * pg/TypeORM code as the distributed mode talks to it. `dataDir` undefined = in-memory. Reads
 * go through a ReadGate: the one connection serves writes first.
 *
 * A data dir is locked for as long as it is open (embedded/data-dir-lock.ts): a second process
 * opening it gets DataDirLockedError instead of a corrupted database.
 */
export async function openEmbeddedTimescale(
  opts: EmbeddedTimescaleOptions = {},
): Promise<DatabaseHandle> {
  const { dataDir } = opts;
  const owner = opts.owner ?? 'greenops';
  const engine = opts.engine ?? DEFAULT_EMBEDDED_ENGINE;
  // PGlite's initdb refuses a folder that is not empty, so a fresh data dir is locked right
  // after PGlite has initialised it, before anything is written through it.
  let lock: DataDirLock | undefined =
    dataDir !== undefined && isEmbeddedDataDir(dataDir)
      ? acquireDataDirLock(dataDir, owner)
      : undefined;
  let host: PgliteHost;
  try {
    host = await startPgliteHost({
      dataDir,
      engine,
      resourceLimits: opts.workerResourceLimits,
      sharedBuffers: opts.sharedBuffers,
      onRestarted: opts.onWorkerRestarted,
      onFailed: opts.onWorkerFailed,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    if (dataDir !== undefined) lock ??= acquireDataDirLock(dataDir, owner);
  } catch (error) {
    await host.stop();
    throw error;
  }
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
  const stopHost = async () => {
    try {
      await host.stop();
    } finally {
      lock?.release();
    }
  };
  try {
    await dataSource.initialize();
    if (engine === 'pglite') await refuseTimescaleDataDir(dataSource, dataDir);
    await dataSource.runMigrations({ transaction: 'each' });
    const capabilities = await detectCapabilities(dataSource);
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    return {
      dataSource,
      capabilities,
      reads: new ReadGate(poolActivity(pool)),
      workerMemory: () => host.memory(),
      close: async () => {
        try {
          if (dataSource.isInitialized) await dataSource.destroy();
        } finally {
          await stopHost();
        }
      },
    };
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stopHost();
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
