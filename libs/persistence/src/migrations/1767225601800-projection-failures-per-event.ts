import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One log record can carry many activities (ActivitiesRecorded, docs/architecture.md §7), so two
 * activities of one record that fail at the same stage are two failures: a projection failure is
 * recorded once per consumer group, log position, event, stage and projection version. A failure
 * with no event id (a record that does not parse) stays once per position: nulls are not
 * distinct here.
 */
export class ProjectionFailuresPerEvent1767225601800 implements MigrationInterface {
  name = 'ProjectionFailuresPerEvent1767225601800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table projection_failures drop constraint projection_failures_position_key`,
    );
    await q.query(`
      alter table projection_failures add constraint projection_failures_event_position_key
        unique nulls not distinct
        (consumer_group, log_topic, log_partition, log_offset, event_id, stage, projection_version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table projection_failures drop constraint projection_failures_event_position_key`,
    );
    await q.query(`
      alter table projection_failures add constraint projection_failures_position_key
        unique (consumer_group, log_topic, log_partition, log_offset, stage, projection_version)`);
  }
}
