import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-field recency of artifacts (docs/architecture.md, "Artifacts: per-field recency"): each of
 * parent_id, kind and status keeps the time it was observed at, so a value merges by its own
 * time, never by the row's. `greenops_artifact_field_wins` is the rule, the SQL twin of
 * `artifactFieldWins` (libs/persistence/src/artifact-field-wins.ts), tested on the same cases.
 * Existing rows: each known value is taken as observed at the row's updated_at (the only time
 * kept until now).
 */
export class ArtifactFieldRecency1767225600102 implements MigrationInterface {
  name = 'ArtifactFieldRecency1767225600102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table artifacts
        add column parent_id_at timestamptz null,
        add column kind_at timestamptz null,
        add column status_at timestamptz null`);
    await q.query(`
      update artifacts set
        parent_id_at = case when parent_id is not null then updated_at end,
        kind_at = case when kind is not null then updated_at end,
        status_at = case when status is not null then updated_at end`);
    await q.query(`
      create function greenops_artifact_field_wins(
          current_value text, current_at timestamptz, incoming_value text, incoming_at timestamptz)
        returns boolean language sql immutable parallel safe
        as $$ select incoming_value is not null
                     and (current_value is null or current_at is null or incoming_at >= current_at) $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `drop function if exists greenops_artifact_field_wins(text, timestamptz, text, timestamptz)`,
    );
    await q.query(
      `alter table artifacts drop column if exists parent_id_at, drop column if exists kind_at,
         drop column if exists status_at`,
    );
  }
}
