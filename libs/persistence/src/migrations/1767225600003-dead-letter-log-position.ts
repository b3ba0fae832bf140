import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * dead_letters becomes the queryable record of rejected spans: filled from the DLQ topic by the
 * projector, once per log position (the unique index makes a re-read batch a no-op).
 */
export class DeadLetterLogPosition1767225600003 implements MigrationInterface {
  name = 'DeadLetterLogPosition1767225600003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table dead_letters add column span_name text not null default ''`);
    await q.query(`alter table dead_letters add column log_topic text null`);
    await q.query(`alter table dead_letters add column log_partition int null`);
    await q.query(`alter table dead_letters add column log_offset bigint null`);
    await q.query(
      `create unique index dead_letters_log_position_idx on dead_letters (log_topic, log_partition, log_offset)`,
    );
    await q.query(
      `create index dead_letters_tenant_idx on dead_letters (tenant_id, rejected_at desc, id desc)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists dead_letters_tenant_idx`);
    await q.query(`drop index if exists dead_letters_log_position_idx`);
    await q.query(
      `alter table dead_letters drop column if exists log_offset, drop column if exists log_partition,
         drop column if exists log_topic, drop column if exists span_name`,
    );
  }
}
