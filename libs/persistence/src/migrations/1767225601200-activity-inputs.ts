import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `activity_inputs`: per projected activity, what the methodology computed it from (kind, start,
 * duration, measurements), so the insights API can recompute a project's activities under a
 * what-if scenario (docs/insights.md §5) without replaying the event log. Independent of the
 * factor set: one row per activity, whatever the projection. The same on every backend.
 */
export class ActivityInputs1767225601200 implements MigrationInterface {
  name = 'ActivityInputs1767225601200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table activity_inputs (
        tenant_id text not null,
        project_id text not null,
        event_id uuid not null,
        occurred_at timestamptz not null,
        activity_kind text not null,
        inputs jsonb not null,
        constraint activity_inputs_pkey primary key (tenant_id, event_id)
      )`);
    await q.query(
      `create index activity_inputs_project_idx on activity_inputs (tenant_id, project_id, occurred_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists activity_inputs`);
  }
}
