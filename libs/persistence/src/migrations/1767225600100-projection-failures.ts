import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projector's dead-letter table (docs/architecture.md, "Projection failures"): an event the
 * projector could not count (bad payload, methodology error, unusable factor set, a fact above
 * the per-fact ceilings, a store error specific to that event) is recorded here once per
 * consumer group, log position, stage and projection version, and the partition moves on.
 * `tenant_id` is '' when the record does not say whose it is (nobody can query those rows).
 */
export class ProjectionFailures1767225600100 implements MigrationInterface {
  name = 'ProjectionFailures1767225600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table projection_failures (
        id bigserial primary key,
        tenant_id text not null,
        event_id text null,
        consumer_group text not null,
        log_topic text not null,
        log_partition int not null,
        log_offset bigint not null,
        projection_version int not null default 0,
        stage text not null,
        field text not null,
        reason text not null,
        failed_at timestamptz not null default now(),
        constraint projection_failures_position_key
          unique (consumer_group, log_topic, log_partition, log_offset, stage, projection_version)
      )`);
    await q.query(
      `create index projection_failures_tenant_idx on projection_failures (tenant_id, id desc)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists projection_failures`);
  }
}
