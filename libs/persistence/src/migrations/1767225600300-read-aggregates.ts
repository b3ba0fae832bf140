import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TimescaleDB added statement triggers with transition tables on hypertables in 2.18. */
const MIN_TIMESCALE = { major: 2, minor: 18 };

/** Sums per group; the columns every totals query serves (aliases match EmissionsTotals). */
const SUMMED = [
  'energy_kwh',
  'co2e_g',
  'co2e_market_g',
  'operational_g',
  'embodied_g',
  'training_g',
  'co2e_low_g',
  'co2e_high_g',
] as const;

const SUM_COLUMNS_DDL = SUMMED.map((c) => `${c} double precision not null`).join(',\n        ');
const SUMMED_LIST = SUMMED.join(', ');
const SUMS_OF = (table: string) =>
  SUMMED.map((c) => `greenops_clamp_float8(sum(${table}.${c}::numeric))`).join(', ');
const ADD_EXCLUDED = SUMMED.map(
  (c) => `${c} = greenops_clamp_float8(t.${c}::numeric + excluded.${c}::numeric)`,
).join(',\n        ');
const SUBTRACT_OLD = SUMMED.map(
  (c) => `${c} = greenops_clamp_float8(t.${c}::numeric - old.${c}::numeric)`,
).join(',\n        ');
const NEW_VALUES = SUMMED.map((c) => `new.${c}`).join(', ');

const PROJECT_KEY = 'tenant_id, project_id, projection_version, scope, category';
const ARTIFACT_KEY = 'tenant_id, project_id, projection_version, artifact_id';

/**
 * Read aggregates, so that what a query costs no longer depends on how many chunks the fact
 * hypertable has (docs/architecture.md, "Read aggregates and chunking"):
 *
 * - `project_scope_totals` (per project, projection version, GHG scope and category) and
 *   `artifact_totals` (per artifact) hold the sums every totals query serves. Triggers on
 *   `emission_facts` keep them equal to the facts in the same transaction as any insert,
 *   update or delete, on both backends: a statement trigger over the inserted rows (one grouped
 *   upsert per statement, whatever the batch size) and row triggers for updates and deletes
 *   (TimescaleDB refuses DELETE transition tables on compressed hypertables). Sums are taken in
 *   numeric and clamped to the float8 range, so no stored value can make them fail.
 * - TimescaleDB: new chunks of `emission_facts` span 90 days instead of 7 (and the continuous
 *   aggregate's materialisation 900), so a tenant spreading spans over many weeks creates at
 *   most a chunk per quarter. Existing chunks keep their size.
 *
 * Written column names only: the SQL is built from the constants above at module load, never
 * from input.
 */
export class ReadAggregates1767225600300 implements MigrationInterface {
  name = 'ReadAggregates1767225600300';

  async up(q: QueryRunner): Promise<void> {
    const timescale = await this.timescaleVersion(q);
    if (timescale) {
      if (
        timescale.major < MIN_TIMESCALE.major ||
        (timescale.major === MIN_TIMESCALE.major && timescale.minor < MIN_TIMESCALE.minor)
      ) {
        throw new Error(
          `TimescaleDB ${MIN_TIMESCALE.major}.${MIN_TIMESCALE.minor} or later is required ` +
            `(found ${timescale.text}): the read aggregates use a statement trigger with a ` +
            `transition table on the emission_facts hypertable. Upgrade the extension ` +
            `(ALTER EXTENSION timescaledb UPDATE) and start again.`,
        );
      }
      await q.query(`select set_chunk_time_interval('emission_facts', interval '90 days')`);
      await q.query(
        `select set_chunk_time_interval(
                  format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name)::regclass,
                  interval '900 days')
           from timescaledb_information.continuous_aggregates
          where view_name = $1`,
        ['project_daily_emissions'],
      );
    }

    await q.query(`
      create function greenops_clamp_float8(value numeric) returns double precision
        language sql immutable strict parallel safe
        as $$ select greatest(least(value, 1.7976931348623157e308), -1.7976931348623157e308)::float8 $$`);
    await q.query(`
      create table project_scope_totals (
        tenant_id text not null,
        project_id text not null,
        projection_version int not null,
        scope smallint not null,
        category text not null,
        ${SUM_COLUMNS_DDL},
        activity_count bigint not null,
        constraint project_scope_totals_pkey primary key (${PROJECT_KEY})
      )`);
    await q.query(`
      create table artifact_totals (
        tenant_id text not null,
        project_id text not null,
        projection_version int not null,
        artifact_id text not null,
        ${SUM_COLUMNS_DDL},
        activity_count bigint not null,
        constraint artifact_totals_pkey primary key (${ARTIFACT_KEY})
      )`);

    // Ordered upserts: concurrent projectors lock totals rows in the same order (no deadlock).
    await q.query(`
      create function greenops_totals_after_insert() returns trigger language plpgsql as $$
      begin
        insert into project_scope_totals as t (${PROJECT_KEY}, ${SUMMED_LIST}, activity_count)
        select ${PROJECT_KEY}, ${SUMS_OF('i')}, count(*)
          from inserted_facts i
         group by ${PROJECT_KEY}
         order by ${PROJECT_KEY}
        on conflict (${PROJECT_KEY}) do update set
          ${ADD_EXCLUDED},
          activity_count = t.activity_count + excluded.activity_count;
        insert into artifact_totals as t (${ARTIFACT_KEY}, ${SUMMED_LIST}, activity_count)
        select ${ARTIFACT_KEY}, ${SUMS_OF('i')}, count(*)
          from inserted_facts i
         where i.artifact_id is not null
         group by ${ARTIFACT_KEY}
         order by ${ARTIFACT_KEY}
        on conflict (${ARTIFACT_KEY}) do update set
          ${ADD_EXCLUDED},
          activity_count = t.activity_count + excluded.activity_count;
        return null;
      end $$`);
    await q.query(`
      create function greenops_totals_after_change() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update project_scope_totals t set
            ${SUBTRACT_OLD},
            activity_count = t.activity_count - 1
           where (t.tenant_id, t.project_id, t.projection_version, t.scope, t.category)
               = (old.tenant_id, old.project_id, old.projection_version, old.scope, old.category);
          if old.artifact_id is not null then
            update artifact_totals t set
              ${SUBTRACT_OLD},
              activity_count = t.activity_count - 1
             where (t.tenant_id, t.project_id, t.projection_version, t.artifact_id)
                 = (old.tenant_id, old.project_id, old.projection_version, old.artifact_id);
          end if;
        end if;
        if tg_op = 'UPDATE' then
          insert into project_scope_totals as t (${PROJECT_KEY}, ${SUMMED_LIST}, activity_count)
          values (new.tenant_id, new.project_id, new.projection_version, new.scope, new.category,
                  ${NEW_VALUES}, 1)
          on conflict (${PROJECT_KEY}) do update set
            ${ADD_EXCLUDED},
            activity_count = t.activity_count + 1;
          if new.artifact_id is not null then
            insert into artifact_totals as t (${ARTIFACT_KEY}, ${SUMMED_LIST}, activity_count)
            values (new.tenant_id, new.project_id, new.projection_version, new.artifact_id,
                    ${NEW_VALUES}, 1)
            on conflict (${ARTIFACT_KEY}) do update set
              ${ADD_EXCLUDED},
              activity_count = t.activity_count + 1;
          end if;
        end if;
        return null;
      end $$`);
    // Triggers first, backfill second, in this migration's transaction: CREATE TRIGGER locks
    // out concurrent inserts until commit, so no fact is counted twice or missed.
    await q.query(`
      create trigger emission_facts_totals_insert after insert on emission_facts
        referencing new table as inserted_facts
        for each statement execute function greenops_totals_after_insert()`);
    await q.query(`
      create trigger emission_facts_totals_change after update or delete on emission_facts
        for each row execute function greenops_totals_after_change()`);
    await q.query(`
      insert into project_scope_totals (${PROJECT_KEY}, ${SUMMED_LIST}, activity_count)
      select ${PROJECT_KEY}, ${SUMS_OF('f')}, count(*)
        from emission_facts f
       group by ${PROJECT_KEY}`);
    await q.query(`
      insert into artifact_totals (${ARTIFACT_KEY}, ${SUMMED_LIST}, activity_count)
      select ${ARTIFACT_KEY}, ${SUMS_OF('f')}, count(*)
        from emission_facts f
       where f.artifact_id is not null
       group by ${ARTIFACT_KEY}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger if exists emission_facts_totals_change on emission_facts`);
    await q.query(`drop trigger if exists emission_facts_totals_insert on emission_facts`);
    await q.query(`drop function if exists greenops_totals_after_change()`);
    await q.query(`drop function if exists greenops_totals_after_insert()`);
    await q.query(`drop table if exists artifact_totals`);
    await q.query(`drop table if exists project_scope_totals`);
    await q.query(`drop function if exists greenops_clamp_float8(numeric)`);
    if (await this.timescaleVersion(q)) {
      await q.query(`select set_chunk_time_interval('emission_facts', interval '7 days')`);
    }
  }

  /** The TimescaleDB version when the Timescale branch of the schema was built, else null. */
  private async timescaleVersion(
    q: QueryRunner,
  ): Promise<{ major: number; minor: number; text: string } | null> {
    const rows: Array<{ version: string | null }> = await q.query(
      `select (select extversion from pg_extension where extname = $1) as version
        where to_regclass($2) is not null`,
      ['timescaledb', 'project_daily_emissions'],
    );
    const text = rows[0]?.version;
    if (!text) return null;
    const match = /^(\d+)\.(\d+)/.exec(text);
    if (!match) throw new Error(`unrecognised TimescaleDB version ${text}`);
    return { major: Number(match[1]), minor: Number(match[2]), text };
  }
}
