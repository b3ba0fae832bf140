import type { DataSource } from 'typeorm';
import type { ReadScheduler } from './read-scheduler';
import type { WorkerMemory } from './embedded/pglite-host';

export interface DatabaseCapabilities {
  /** TimescaleDB installed: hypertable, compression and the continuous aggregate exist. */
  timescale: boolean;
  /**
   * COPY FROM STDIN works on the connection (a PostgreSQL server through node-postgres); the
   * embedded database's socket does not take it, and its writes keep parameter arrays.
   */
  copyIn?: boolean;
}

export interface DatabaseHandle {
  dataSource: DataSource;
  capabilities: DatabaseCapabilities;
  /** How read-side queries get the connection (docs/architecture.md, "Reads and writes on one connection"). */
  reads: ReadScheduler;
  /** Embedded database only: what its worker thread holds (embedded/pglite-host.ts). */
  workerMemory?: () => Promise<WorkerMemory | undefined>;
  close(): Promise<void>;
}

/** Reads what the migrations actually built, so capabilities always match the schema. */
export async function detectCapabilities(dataSource: DataSource): Promise<DatabaseCapabilities> {
  // Extension present AND the Timescale branch of the migration ran (a server that gained
  // the extension after a plain-PostgreSQL migration keeps serving from the rollup table).
  const rows: Array<{ timescale: boolean }> = await dataSource.query(
    `select exists (select 1 from pg_extension where extname = $1)
            and to_regclass($2) is not null as timescale`,
    ['timescaledb', 'project_daily_emissions'],
  );
  return { timescale: rows[0]?.timescale === true };
}
