import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (docs/retention.md), new tables only:
 * - retention_holdings: each artifact's current holding per storage system, from storage spans,
 *   with the g CO2e/day rate of the storage model (and the rate on every media tier);
 * - retention_policies, legal_holds: the current state of the policy and hold events;
 * - retention_audit: one row per retention action, append-only (a trigger refuses UPDATE and
 *   DELETE), unique per event so a re-read batch adds nothing.
 * Plain tables: the same on TimescaleDB, plain PostgreSQL and PGlite.
 */
export class Retention1767225600800 implements MigrationInterface {
  name = 'Retention1767225600800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table retention_holdings (
        tenant_id text not null,
        project_id text not null,
        artifact_id text not null,
        storage_system text not null,
        uri text null,
        media text not null,
        bytes double precision not null,
        replication int null,
        country text null,
        last_observed_at timestamptz not null,
        co2e_g_per_day_low double precision not null,
        co2e_g_per_day double precision not null,
        co2e_g_per_day_high double precision not null,
        co2e_g_per_day_by_media jsonb not null,
        event_id uuid not null,
        primary key (tenant_id, project_id, artifact_id, storage_system)
      )`);
    await q.query(`
      create table retention_policies (
        tenant_id text not null,
        policy_id uuid not null,
        name text not null,
        selector jsonb not null,
        action jsonb not null,
        grace_days int not null,
        defined_at timestamptz not null,
        defined_by text not null,
        retired_at timestamptz null,
        retired_by text null,
        primary key (tenant_id, policy_id)
      )`);
    await q.query(`
      create table legal_holds (
        tenant_id text not null,
        project_id text not null,
        artifact_id text not null,
        reason text not null,
        set_at timestamptz not null,
        set_by text not null,
        released_at timestamptz null,
        released_by text null,
        primary key (tenant_id, project_id, artifact_id)
      )`);
    await q.query(`
      create table retention_audit (
        seq bigserial primary key,
        tenant_id text not null,
        event_id uuid not null,
        action text not null,
        project_id text null,
        subject text null,
        key_id text not null,
        reason text null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null default now(),
        details jsonb not null default '{}'::jsonb,
        unique (tenant_id, event_id)
      )`);
    await q.query(`create index retention_audit_tenant_idx on retention_audit (tenant_id, seq)`);
    await q.query(`
      create function greenops_retention_audit_append_only() returns trigger
      language plpgsql as $$
      begin
        raise exception 'retention_audit is append-only';
      end $$`);
    await q.query(`
      create trigger retention_audit_append_only before update or delete on retention_audit
      for each row execute function greenops_retention_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists retention_audit`);
    await q.query(`drop function if exists greenops_retention_audit_append_only()`);
    await q.query(`drop table if exists legal_holds`);
    await q.query(`drop table if exists retention_policies`);
    await q.query(`drop table if exists retention_holdings`);
  }
}
