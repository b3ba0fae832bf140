import type { DataSource } from 'typeorm';

export interface DatabaseCapabilities {
  /** TimescaleDB installed: hypertable, compression and the continuous aggregate exist. */
  timescale: boolean;
}

export interface DatabaseHandle {
  dataSource: DataSource;
  capabilities: DatabaseCapabilities;
  close(): Promise<void>;
}

/** Reads what the migrations actually built, so capabilities always match the schema. */
export async function detectCapabilities(dataSource: DataSource): Promise<DatabaseCapabilities> {
  const rows: unknown[] = await dataSource.query(`select 1 from pg_extension where extname = $1`, [
    'timescaledb',
  ]);
  return { timescale: rows.length > 0 };
}
