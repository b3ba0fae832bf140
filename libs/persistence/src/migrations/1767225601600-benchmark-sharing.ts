import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-tenant benchmarks are opt-in per tenant (docs/insights.md §4.2):
 *
 * - `benchmark_sharing`: whether the tenant's projects contribute to (and it may read) the
 *   anonymised cross-tenant cohorts; no row means not shared;
 * - `benchmark_sharing_changes`: every change, with the API key that made it (audit trail).
 *
 * Also indexes `activity_measures` by artifact: the set-based iteration roll-up of a page reads
 * the stated duration of each artifact of the page.
 */
export class BenchmarkSharing1767225601600 implements MigrationInterface {
  name = 'BenchmarkSharing1767225601600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table benchmark_sharing (
        tenant_id text primary key,
        opted_in boolean not null,
        changed_at timestamptz not null
      )`);
    await q.query(`
      create table benchmark_sharing_changes (
        seq bigint generated always as identity primary key,
        tenant_id text not null,
        opted_in boolean not null,
        changed_at timestamptz not null,
        key_id text not null
      )`);
    await q.query(
      `create index benchmark_sharing_changes_tenant_idx on benchmark_sharing_changes (tenant_id, seq)`,
    );
    await q.query(
      // Not partial: a join clause cannot prove `artifact_id is not null`, so the planner could
      // not use a partial index for the page's per-root lookups.
      `create index activity_measures_artifact_idx on activity_measures (tenant_id, project_id, artifact_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists activity_measures_artifact_idx`);
    await q.query(`drop table if exists benchmark_sharing_changes`);
    await q.query(`drop table if exists benchmark_sharing`);
  }
}
