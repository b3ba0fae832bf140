import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MOVE enforcement (docs/retention.md, "MOVE enforcement"): a request is a deletion or a move
 * of a holding to another media tier. Existing rows are deletions. A CONFIRMED move leaves the
 * holding in place (on its new tier), so it no longer blocks a later request for that holding:
 * the one-live-request index excludes it. `moved_bytes` is the holder's answer to a move, as
 * `deleted_bytes` is to a deletion.
 */
export class RetentionMoves1767225601700 implements MigrationInterface {
  name = 'RetentionMoves1767225601700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table retention_deletion_requests
        add column action text not null default 'DELETE',
        add column from_media text null,
        add column to_media text null,
        add column moved_bytes double precision null`);
    await q.query(`
      alter table retention_deletion_requests
        add constraint retention_deletion_requests_action_check check (
          (action = 'DELETE' and to_media is null)
          or (action = 'MOVE' and from_media is not null and to_media is not null))`);
    await q.query(`drop index retention_deletion_requests_live_idx`);
    await q.query(`
      create unique index retention_deletion_requests_live_idx
          on retention_deletion_requests (tenant_id, project_id, artifact_id, storage_system)
       where status <> 'FAILED' and not (action = 'MOVE' and status = 'CONFIRMED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index retention_deletion_requests_live_idx`);
    await q.query(`delete from retention_deletion_requests where action = 'MOVE'`);
    await q.query(`
      create unique index retention_deletion_requests_live_idx
          on retention_deletion_requests (tenant_id, project_id, artifact_id, storage_system)
       where status <> 'FAILED'`);
    await q.query(`
      alter table retention_deletion_requests
        drop constraint retention_deletion_requests_action_check,
        drop column moved_bytes, drop column to_media, drop column from_media,
        drop column action`);
  }
}
