import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables of the insights read side (docs/architecture.md, "Insights"), the same on TimescaleDB,
 * plain PostgreSQL and the embedded engines:
 *
 * - `project_declarations`: the latest ProjectDeclared of each project (name, production type,
 *   finished minutes, shoot days, …), the functional units of its KPIs;
 * - `activity_measures`: per activity, the quantities KPIs are normalised by (GPU-hours,
 *   TB-months stored, TB moved, generated videos and images), which emission facts do not
 *   carry. Independent of the factor set, so one row per activity, whatever the projection;
 * - `artifact_status_changes`: the history of artifact statuses (from spans or the
 *   setArtifactStatus mutation).
 */
export class InsightsTables1767225600700 implements MigrationInterface {
  name = 'InsightsTables1767225600700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table project_declarations (
        tenant_id text not null,
        project_id text not null,
        name text not null,
        production_type text not null,
        finished_minutes double precision null,
        shoot_days double precision null,
        episodes int null,
        country text null,
        start_date date null,
        end_date date null,
        tags text[] not null default '{}',
        declared_at timestamptz not null,
        event_id uuid not null,
        constraint project_declarations_pkey primary key (tenant_id, project_id)
      )`);
    await q.query(
      `create index project_declarations_type_idx on project_declarations (tenant_id, production_type)`,
    );
    await q.query(`
      create table activity_measures (
        tenant_id text not null,
        project_id text not null,
        event_id uuid not null,
        occurred_at timestamptz not null,
        activity_kind text not null,
        artifact_id text null,
        duration_s double precision not null,
        gpu_hours double precision not null default 0,
        storage_tb_months double precision not null default 0,
        transfer_tb double precision not null default 0,
        ai_modality text null,
        ai_model text null,
        ai_resolution text null,
        ai_videos int not null default 0,
        ai_video_seconds double precision not null default 0,
        ai_images int not null default 0,
        artifact_duration_s double precision null,
        constraint activity_measures_pkey primary key (tenant_id, event_id)
      )`);
    await q.query(
      `create index activity_measures_project_idx on activity_measures (tenant_id, project_id, occurred_at)`,
    );
    await q.query(`
      create table artifact_status_changes (
        tenant_id text not null,
        project_id text not null,
        artifact_id text not null,
        status text not null,
        changed_at timestamptz not null,
        source text not null,
        event_id uuid not null,
        constraint artifact_status_changes_pkey primary key (tenant_id, event_id)
      )`);
    await q.query(
      `create index artifact_status_changes_artifact_idx
         on artifact_status_changes (tenant_id, project_id, artifact_id, changed_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists artifact_status_changes`);
    await q.query(`drop table if exists activity_measures`);
    await q.query(`drop table if exists project_declarations`);
  }
}
