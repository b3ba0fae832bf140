import type { DataSource } from 'typeorm';

/**
 * Rows inserted + updated in a table since the server's statistics were last reset. On
 * consumer_offsets this counts the projector's commits: each batch upserts its partition's row
 * once. PostgreSQL publishes a backend's counters when it goes idle (at most ~1 s late) or exits.
 */
export async function tableWrites(dataSource: DataSource, table: string): Promise<number> {
  const rows: Array<{ n: string }> = await dataSource.query(
    'select (n_tup_ins + n_tup_upd)::text as n from pg_stat_user_tables where relname = $1',
    [table],
  );
  return Number(rows[0]?.n ?? 0);
}
