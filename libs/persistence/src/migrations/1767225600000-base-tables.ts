import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables common to both backends (plain PostgreSQL and TimescaleDB). */
export class BaseTables1767225600000 implements MigrationInterface {
  name = 'BaseTables1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table tenants (
        id text primary key,
        name text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table api_keys (
        id uuid primary key,
        tenant_id text not null references tenants (id),
        key_hash text not null constraint api_keys_key_hash_key unique,
        key_prefix text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz null
      )`);
    await q.query(`create index api_keys_tenant_idx on api_keys (tenant_id)`);
    await q.query(`
      create table emission_facts (
        tenant_id text not null,
        project_id text not null,
        event_id uuid not null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null,
        artifact_id text null,
        activity_kind text not null,
        tier text not null,
        scope smallint not null,
        category text not null,
        model_id text not null,
        factor_ids text[] not null default '{}',
        methodology_version text not null,
        factor_set_version text not null,
        projection_version int not null default 1,
        energy_it_kwh double precision not null,
        energy_kwh double precision not null,
        energy_low_kwh double precision not null,
        energy_high_kwh double precision not null,
        pue double precision not null,
        intensity_g_per_kwh double precision not null,
        market_intensity_g_per_kwh double precision not null,
        operational_g double precision not null,
        operational_market_g double precision not null,
        embodied_g double precision not null,
        training_g double precision not null,
        co2e_g double precision not null,
        co2e_market_g double precision not null,
        co2e_low_g double precision not null,
        co2e_high_g double precision not null,
        constraint emission_facts_pkey primary key (tenant_id, event_id, occurred_at, projection_version)
      )`);
    await q.query(
      `create index emission_facts_project_idx on emission_facts (tenant_id, project_id, occurred_at desc)`,
    );
    await q.query(
      `create index emission_facts_artifact_idx on emission_facts (tenant_id, project_id, artifact_id)
         where artifact_id is not null`,
    );
    await q.query(`
      create table artifacts (
        tenant_id text not null,
        project_id text not null,
        artifact_id text not null,
        parent_id text null,
        kind text null,
        status text null,
        first_seen_at timestamptz not null,
        updated_at timestamptz not null,
        constraint artifacts_pkey primary key (tenant_id, project_id, artifact_id)
      )`);
    await q.query(
      `create index artifacts_parent_idx on artifacts (tenant_id, project_id, parent_id)
         where parent_id is not null`,
    );
    await q.query(`
      create table consumer_offsets (
        consumer_group text not null,
        topic text not null,
        partition int not null,
        next_offset bigint not null,
        updated_at timestamptz not null default now(),
        constraint consumer_offsets_pkey primary key (consumer_group, topic, partition)
      )`);
    await q.query(`
      create table event_log (
        seq bigserial primary key,
        topic text not null,
        key text not null,
        value jsonb not null,
        appended_at timestamptz not null default now()
      )`);
    await q.query(`create index event_log_topic_seq_idx on event_log (topic, seq)`);
    await q.query(`
      create table dead_letters (
        id bigserial primary key,
        tenant_id text not null,
        trace_id text not null,
        span_id text not null,
        field text not null,
        reason text not null,
        rejected_at timestamptz not null
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists dead_letters`);
    await q.query(`drop table if exists event_log`);
    await q.query(`drop table if exists consumer_offsets`);
    await q.query(`drop table if exists artifacts`);
    await q.query(`drop table if exists emission_facts`);
    await q.query(`drop table if exists api_keys`);
    await q.query(`drop table if exists tenants`);
  }
}
