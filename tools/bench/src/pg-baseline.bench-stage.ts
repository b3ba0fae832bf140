import { Client } from 'pg';
import { EmissionStore, type DatabaseHandle, type EmissionFactInput } from '@greenops/persistence';
import { factRowOf, type FactRow } from './ingest-fixtures';
import { perSecond, progress } from './progress';
import { chunk } from './render-workload';

export interface PgBaselineResult {
  rows: number;
  batchSize: number;
  elapsedMs: number;
  rowsPerS: number;
}

/**
 * One statement per batch: each column travels as one array parameter and `unnest` turns the
 * arrays into rows (no SQL built from values). factor_ids goes as a JSON text per row because
 * unnest cannot carry a ragged text[][] — the same shape the projector's statement uses.
 */
const INSERT_BENCH_FACTS = `
  insert into bench_facts (
    tenant_id, project_id, event_id, occurred_at, recorded_at, activity_kind, tier, scope, category,
    model_id, factor_ids, methodology_version, factor_set_version, energy_it_kwh, energy_kwh,
    energy_low_kwh, energy_high_kwh, pue, intensity_g_per_kwh, market_intensity_g_per_kwh,
    operational_g, operational_market_g, embodied_g, training_g, co2e_g, co2e_market_g,
    co2e_low_g, co2e_high_g)
  select tenant_id, project_id, event_id, occurred_at, recorded_at, activity_kind, tier, scope,
         category, model_id, array(select jsonb_array_elements_text(factor_ids_json::jsonb)),
         methodology_version, factor_set_version, energy_it_kwh, energy_kwh, energy_low_kwh,
         energy_high_kwh, pue, intensity_g_per_kwh, market_intensity_g_per_kwh, operational_g,
         operational_market_g, embodied_g, training_g, co2e_g, co2e_market_g, co2e_low_g, co2e_high_g
    from unnest(
      $1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[],
      $7::text[], $8::smallint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
      $14::float8[], $15::float8[], $16::float8[], $17::float8[], $18::float8[], $19::float8[],
      $20::float8[], $21::float8[], $22::float8[], $23::float8[], $24::float8[], $25::float8[],
      $26::float8[], $27::float8[], $28::float8[]
    ) as t(tenant_id, project_id, event_id, occurred_at, recorded_at, activity_kind, tier, scope,
           category, model_id, factor_ids_json, methodology_version, factor_set_version,
           energy_it_kwh, energy_kwh, energy_low_kwh, energy_high_kwh, pue, intensity_g_per_kwh,
           market_intensity_g_per_kwh, operational_g, operational_market_g, embodied_g, training_g,
           co2e_g, co2e_market_g, co2e_low_g, co2e_high_g)`;

const COLUMN_ORDER: Array<keyof FactRow> = [
  'tenantId',
  'projectId',
  'eventId',
  'occurredAt',
  'recordedAt',
  'activityKind',
  'tier',
  'scope',
  'category',
  'modelId',
  'factorIdsJson',
  'methodologyVersion',
  'factorSetVersion',
  'energyItKwh',
  'energyKwh',
  'energyLowKwh',
  'energyHighKwh',
  'pue',
  'intensityGPerKwh',
  'marketIntensityGPerKwh',
  'operationalG',
  'operationalMarketG',
  'embodiedG',
  'trainingG',
  'co2eG',
  'co2eMarketG',
  'co2eLowG',
  'co2eHighG',
];

function columnParams(rows: FactRow[]): unknown[] {
  return COLUMN_ORDER.map((column) => rows.map((row) => row[column]));
}

/**
 * Raw `pg`: bulk insert the facts into a copy of emission_facts (same columns, indexes and
 * primary key), one autocommit statement per batch on one connection.
 */
export async function runPgBaseline(
  databaseUrl: string,
  facts: EmissionFactInput[],
  warmUp: EmissionFactInput[],
  batchSize: number,
): Promise<PgBaselineResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('drop table if exists bench_facts');
    await client.query('create table bench_facts (like emission_facts including all)');
    // Warm-up: connection, statement parse and the table's first pages, before the clock starts.
    for (const params of chunk(warmUp.map(factRowOf), batchSize).map(columnParams))
      await client.query(INSERT_BENCH_FACTS, params);
    const batches = chunk(facts.map(factRowOf), batchSize).map(columnParams);
    progress(`pg: inserting ${facts.length} fact rows into bench_facts in batches of ${batchSize}`);
    const t0 = process.hrtime.bigint();
    for (const params of batches) await client.query(INSERT_BENCH_FACTS, params);
    const elapsedNs = process.hrtime.bigint() - t0;
    const { rows } = await client.query<{ n: string }>(
      'select count(*)::text as n from bench_facts',
    );
    const expected = warmUp.length + facts.length;
    if (Number(rows[0].n) !== expected)
      throw new Error(`pg: bench_facts holds ${rows[0].n} rows, expected ${expected}`);
    progress(`pg: ${facts.length} rows in ${(Number(elapsedNs) / 1e6).toFixed(0)} ms`);
    return {
      rows: facts.length,
      batchSize,
      elapsedMs: Number(elapsedNs) / 1e6,
      rowsPerS: perSecond(facts.length, elapsedNs),
    };
  } finally {
    await client.end();
  }
}

/**
 * The projector's own write step without Kafka: EmissionStore.commitBatch (facts, daily rollup,
 * artifacts, offset — one transaction) per batch, on the handle the benchmark has used all along
 * (already warm). Shows how much of the gap to raw pg is the store's work rather than
 * messaging. The facts must belong to a tenant not yet in the table.
 */
export async function runStoreBaseline(
  db: DatabaseHandle,
  facts: EmissionFactInput[],
  batchSize: number,
): Promise<PgBaselineResult> {
  const store = new EmissionStore(db);
  const batches = chunk(facts, batchSize);
  progress(
    `store: committing ${facts.length} facts through EmissionStore.commitBatch in batches of ${batchSize}`,
  );
  const t0 = process.hrtime.bigint();
  let inserted = 0;
  for (const [i, batch] of batches.entries()) {
    const result = await store.commitBatch({
      facts: batch,
      artifacts: [],
      offsets: [
        {
          group: 'bench-store',
          topic: 'bench',
          partition: 0,
          nextOffset: String((i + 1) * batchSize),
        },
      ],
    });
    inserted += result.insertedFacts;
  }
  const elapsedNs = process.hrtime.bigint() - t0;
  if (inserted !== facts.length)
    throw new Error(`store: inserted ${inserted} facts, expected ${facts.length}`);
  progress(`store: ${facts.length} facts in ${(Number(elapsedNs) / 1e6).toFixed(0)} ms`);
  return {
    rows: facts.length,
    batchSize,
    elapsedMs: Number(elapsedNs) / 1e6,
    rowsPerS: perSecond(facts.length, elapsedNs),
  };
}
