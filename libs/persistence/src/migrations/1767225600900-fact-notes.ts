import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each emission fact keeps the methodology's notes (proxy models, extrapolations, fallbacks)
 * so a project's methodological statement can be generated from stored facts alone. Facts
 * written before this migration have none (empty array), which the statement reports as is.
 */
export class FactNotes1767225600900 implements MigrationInterface {
  name = 'FactNotes1767225600900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table emission_facts add column notes text[] not null default '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table emission_facts drop column if exists notes`);
  }
}
