import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention enforcement (docs/retention.md, "Enforcement"), new tables only:
 * - retention_decisions: one row per (tenant, idempotency key) of enforceRetention /
 *   requestDeletion, so a retried call is answered from it and emits nothing;
 * - retention_deletion_requests: one row per request id, the outbox of the commands topic
 *   (next_send_at, lease_until) and the state of its answer; at most one request per holding
 *   that is not FAILED (partial unique index), so no policy can request a holding twice;
 * - retention_breaches: storage spans observed on a system after its deletion was confirmed.
 */
export class RetentionEnforcement1767225601000 implements MigrationInterface {
  name = 'RetentionEnforcement1767225601000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table retention_decisions (
        tenant_id text not null,
        idempotency_key text not null,
        event_id uuid not null,
        policy_id uuid null,
        policy_ref text null,
        request_count int not null,
        decided_at timestamptz not null,
        key_id text not null,
        primary key (tenant_id, idempotency_key)
      )`);
    await q.query(`
      create table retention_deletion_requests (
        tenant_id text not null,
        request_id uuid not null,
        project_id text not null,
        artifact_id text not null,
        storage_system text not null,
        uri text null,
        bytes double precision not null,
        co2e_g_per_day_low double precision not null,
        co2e_g_per_day double precision not null,
        co2e_g_per_day_high double precision not null,
        policy_id uuid null,
        policy_ref text null,
        idempotency_key text not null,
        requested_at timestamptz not null,
        requested_by text not null,
        deadline timestamptz not null,
        status text not null default 'PENDING',
        send_count int not null default 0,
        last_sent_at timestamptz null,
        next_send_at timestamptz not null,
        lease_until timestamptz null,
        answered_at timestamptz null,
        answered_by text null,
        answer_reason text null,
        deleted_bytes double precision null,
        primary key (tenant_id, request_id),
        check (status in ('PENDING', 'CONFIRMED', 'FAILED'))
      )`);
    await q.query(`
      create unique index retention_deletion_requests_live_idx
          on retention_deletion_requests (tenant_id, project_id, artifact_id, storage_system)
       where status <> 'FAILED'`);
    await q.query(`
      create index retention_deletion_requests_due_idx
          on retention_deletion_requests (next_send_at) where status = 'PENDING'`);
    await q.query(`
      create index retention_deletion_requests_system_idx
          on retention_deletion_requests (tenant_id, storage_system, status, requested_at)`);
    await q.query(`
      create table retention_breaches (
        tenant_id text not null,
        event_id uuid not null,
        project_id text not null,
        artifact_id text not null,
        storage_system text not null,
        request_id uuid not null,
        observed_at timestamptz not null,
        bytes double precision not null,
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, event_id, storage_system)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists retention_breaches`);
    await q.query(`drop table if exists retention_deletion_requests`);
    await q.query(`drop table if exists retention_decisions`);
  }
}
