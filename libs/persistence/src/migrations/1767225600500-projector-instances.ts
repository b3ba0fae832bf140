import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * projector_instances: what each projector instance last reported (docs/operations.md, "See the
 * consumer group"): its group, the partitions it owns with their lag, and when it was last seen.
 * Platform data, not tenant data: only GraphQL `platformHealth` (role admin) reads it.
 */
export class ProjectorInstances1767225600500 implements MigrationInterface {
  name = 'ProjectorInstances1767225600500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `create table projector_instances (
         instance_id text primary key,
         host text not null,
         group_id text not null,
         state text not null,
         partitions jsonb not null default '[]'::jsonb,
         started_at timestamptz not null,
         last_seen timestamptz not null
       )`,
    );
    await q.query(
      `create index projector_instances_last_seen_idx on projector_instances (last_seen)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists projector_instances`);
  }
}
