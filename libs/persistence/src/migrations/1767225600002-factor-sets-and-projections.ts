import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Factor sets as events (docs/architecture.md, "Factor sets and projection rebuilds") and per-tenant projection versions.
 *
 * tenant_factor_sets: every FactorSetPublished a tenant made (the overrides, as published).
 * tenant_projections: which projection version each tenant is served (current_version) and the
 *   rebuild in progress, if any (building_*): a replay of the log into version N+1 with the new
 *   factor set, switched to when it has caught up with the log's high-water marks.
 * api_keys.roles: what a key may do ('ingest', 'read', 'admin'); existing keys keep all three.
 */
export class FactorSetsAndProjections1767225600002 implements MigrationInterface {
  name = 'FactorSetsAndProjections1767225600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table tenant_factor_sets (
        tenant_id text not null,
        version text not null,
        base_version text not null,
        name text not null,
        factors jsonb not null,
        event_id uuid not null,
        published_at timestamptz not null,
        constraint tenant_factor_sets_pkey primary key (tenant_id, version)
      )`);
    await q.query(`
      create table tenant_projections (
        tenant_id text primary key,
        current_version int not null default 1,
        current_factor_set_version text null,
        building_version int null,
        building_factor_set_version text null,
        building_high_water jsonb null,
        building_started_at timestamptz null,
        switched_at timestamptz null,
        constraint tenant_projections_building_check check (
          building_version is null or building_version > current_version)
      )`);
    await q.query(
      `alter table api_keys add column roles text[] not null default '{ingest,read,admin}'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table api_keys drop column if exists roles`);
    await q.query(`drop table if exists tenant_projections`);
    await q.query(`drop table if exists tenant_factor_sets`);
  }
}
