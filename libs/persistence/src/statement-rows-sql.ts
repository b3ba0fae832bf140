import { SERVED_PROJECTION_VERSION } from './projection-version';

/*
 * What a project's methodological statement is generated from: its served facts grouped by
 * data-quality tier and calculation model (a handful of groups however many facts), each with
 * the union of its factor ids and notes. Sums go through numeric and are clamped like the read
 * aggregates, so no stored value can make the statement fail. The training option is the suffix
 * of methodology_version ("…+training.1a"); only facts that carry model-creation emissions count.
 */
const PROJECT_FACTS = `
  select tier, model_id, co2e_low_g, co2e_g, co2e_high_g, training_g, factor_ids, notes,
         methodology_version, factor_set_version
    from emission_facts
   where tenant_id = $1 and project_id = $2 and projection_version = ${SERVED_PROJECTION_VERSION}`;

export const STATEMENT_GROUPS = `
  with facts as (${PROJECT_FACTS}),
  groups as (
    select tier, model_id, count(*)::int as activity_count,
           greenops_clamp_float8(sum(co2e_low_g::numeric)) as low_g,
           greenops_clamp_float8(sum(co2e_g::numeric)) as nominal_g,
           greenops_clamp_float8(sum(co2e_high_g::numeric)) as high_g,
           (count(*) filter (where training_g > 0 and methodology_version like '%+training.1a'))::int as training_1a,
           (count(*) filter (where training_g > 0 and methodology_version like '%+training.1b'))::int as training_1b
      from facts group by tier, model_id),
  factor_ids as (
    select tier, model_id, array_agg(distinct factor_id order by factor_id) as ids
      from facts cross join lateral unnest(factor_ids) as factor_id group by tier, model_id),
  notes as (
    select tier, model_id, array_agg(distinct note order by note) as notes
      from facts cross join lateral unnest(notes) as note group by tier, model_id)
  select g.tier, g.model_id as "modelId", g.activity_count as "activityCount",
         g.low_g as "lowG", g.nominal_g as "nominalG", g.high_g as "highG",
         g.training_1a as "training1a", g.training_1b as "training1b",
         coalesce(f.ids, '{}') as "factorIds", coalesce(n.notes, '{}') as notes
    from groups g
    left join factor_ids f on f.tier = g.tier and f.model_id = g.model_id
    left join notes n on n.tier = g.tier and n.model_id = g.model_id
   order by g.nominal_g desc, g.tier, g.model_id
   limit $3`;

export const STATEMENT_VERSIONS = `
  with facts as (${PROJECT_FACTS})
  select coalesce(array_agg(distinct methodology_version order by methodology_version), '{}') as "methodologyVersions",
         coalesce(array_agg(distinct factor_set_version order by factor_set_version), '{}') as "factorSetVersions"
    from facts`;
