import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The aggregate tables every projector batch upserts: the same rows (a project's recent days,
 * its totals, its artifacts' totals) are updated batch after batch.
 * `project_daily_emissions_rollup` exists on plain PostgreSQL only (migration 1767225600001).
 */
const AGGREGATE_TABLES = [
  'project_scope_totals',
  'artifact_totals',
  'project_kpi_daily',
  'project_measure_daily',
  'artifact_kpi_daily',
  'project_daily_emissions_rollup',
] as const;

/**
 * Half of each new page of the aggregate tables stays free, so that an upsert's new row version
 * fits on the page of the old one: a heap-only tuple update, which writes no new entry in the
 * primary key and lets the page be pruned (PostgreSQL documentation, "Heap-Only Tuples (HOT)",
 * https://www.postgresql.org/docs/15/storage-hot.html, and the fillfactor storage parameter of
 * CREATE TABLE). With every page full (the default 100), an update of a day's KPI row moved it to
 * another page and added a key to the index each time. Existing pages keep their rows until
 * they are rewritten (VACUUM FULL); new ones follow the setting.
 */
export class AggregateFillfactor1767225601951 implements MigrationInterface {
  name = 'AggregateFillfactor1767225601951';

  async up(q: QueryRunner): Promise<void> {
    for (const table of AGGREGATE_TABLES)
      await q.query(`alter table if exists ${table} set (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of AGGREGATE_TABLES)
      await q.query(`alter table if exists ${table} reset (fillfactor)`);
  }
}
