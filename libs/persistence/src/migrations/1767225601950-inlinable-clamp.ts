import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The largest finite float8 (IEEE 754 binary64), as migration 1767225600300 wrote it. */
const MAX_FLOAT8 = '1.7976931348623157e308';

/**
 * `greenops_clamp_float8` (migration 1767225600300) with the same result for every input, in a
 * form PostgreSQL can inline. A strict SQL function is inlined into the calling query only when
 * its body is strict too (https://wiki.postgresql.org/wiki/Inlining_of_SQL_functions, and
 * `inline_function` in PostgreSQL's src/backend/optimizer/util/clauses.c); GREATEST and LEAST ignore nulls,
 * so the old body was run as a nested statement on every call — once per summed column per
 * group in every aggregate trigger, which made those triggers most of a batch's write time.
 * `numeric_larger` and `numeric_smaller` are the strict built-ins behind max() and min() of
 * numeric, and compare as GREATEST and LEAST do (NaN above every number).
 */
export class InlinableClamp1767225601950 implements MigrationInterface {
  name = 'InlinableClamp1767225601950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create or replace function greenops_clamp_float8(value numeric) returns double precision
        language sql immutable strict parallel safe
        as $$ select numeric_larger(numeric_smaller(value, ${MAX_FLOAT8}), -${MAX_FLOAT8})::float8 $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      create or replace function greenops_clamp_float8(value numeric) returns double precision
        language sql immutable strict parallel safe
        as $$ select greatest(least(value, ${MAX_FLOAT8}), -${MAX_FLOAT8})::float8 $$`);
  }
}
