import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EmissionFactInput } from '@greenops/persistence';
import { factRowOf, type FactRow } from './ingest-fixtures';
import type { PgBaselineResult } from './pg-baseline.bench-stage';
import { perSecond, progress } from './progress';
import { chunk } from './render-workload';

/** The columns the unnest baseline writes, in COPY order (the rest take their defaults). */
const COPY_COLUMNS = [
  'tenant_id',
  'project_id',
  'event_id',
  'occurred_at',
  'recorded_at',
  'activity_kind',
  'tier',
  'scope',
  'category',
  'model_id',
  'factor_ids',
  'methodology_version',
  'factor_set_version',
  'energy_it_kwh',
  'energy_kwh',
  'energy_low_kwh',
  'energy_high_kwh',
  'pue',
  'intensity_g_per_kwh',
  'market_intensity_g_per_kwh',
  'operational_g',
  'operational_market_g',
  'embodied_g',
  'training_g',
  'co2e_g',
  'co2e_market_g',
  'co2e_low_g',
  'co2e_high_g',
] as const;

const COPY_SQL = `copy bench_facts_copy (${COPY_COLUMNS.join(', ')}) from stdin with (format csv)`;

/** A CSV field: always quoted, quotes doubled (COPY's CSV rules). */
const csv = (value: string | number) => `"${String(value).replace(/"/g, '""')}"`;

/** text[] literal for factor_ids: each element double-quoted, backslashes and quotes escaped. */
function textArray(json: string): string {
  const items = JSON.parse(json) as string[];
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function csvLine(r: FactRow): string {
  return (
    [
      r.tenantId,
      r.projectId,
      r.eventId,
      r.occurredAt,
      r.recordedAt,
      r.activityKind,
      r.tier,
      r.scope,
      r.category,
      r.modelId,
      textArray(r.factorIdsJson),
      r.methodologyVersion,
      r.factorSetVersion,
      r.energyItKwh,
      r.energyKwh,
      r.energyLowKwh,
      r.energyHighKwh,
      r.pue,
      r.intensityGPerKwh,
      r.marketIntensityGPerKwh,
      r.operationalG,
      r.operationalMarketG,
      r.embodiedG,
      r.trainingG,
      r.co2eG,
      r.co2eMarketG,
      r.co2eLowG,
      r.co2eHighG,
    ]
      .map(csv)
      .join(',') + '\n'
  );
}

async function copyBatch(client: Client, text: string): Promise<void> {
  await pipeline(Readable.from([text]), client.query(copyFrom(COPY_SQL)));
}

/**
 * Raw `COPY … FROM STDIN (csv)`: the fastest way PostgreSQL takes rows. The same facts as the
 * unnest baseline into another copy of emission_facts (same columns, primary key, indexes, no
 * triggers), one COPY (autocommit) per batch on one connection. The CSV text is built before the
 * clock starts, so this is the database's cost, not ours.
 */
export async function runPgCopyBaseline(
  databaseUrl: string,
  facts: EmissionFactInput[],
  warmUp: EmissionFactInput[],
  batchSize: number,
): Promise<PgBaselineResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('drop table if exists bench_facts_copy');
    await client.query('create table bench_facts_copy (like emission_facts including all)');
    const toText = (rows: EmissionFactInput[]) =>
      chunk(rows.map(factRowOf), batchSize).map((b) => b.map(csvLine).join(''));
    for (const text of toText(warmUp)) await copyBatch(client, text);
    const batches = toText(facts);
    progress(`pg COPY: copying ${facts.length} fact rows in batches of ${batchSize}`);
    const t0 = process.hrtime.bigint();
    for (const text of batches) await copyBatch(client, text);
    const elapsedNs = process.hrtime.bigint() - t0;
    const { rows } = await client.query<{ n: string }>(
      'select count(*)::text as n from bench_facts_copy',
    );
    const expected = warmUp.length + facts.length;
    if (Number(rows[0].n) !== expected)
      throw new Error(`pg COPY: bench_facts_copy holds ${rows[0].n} rows, expected ${expected}`);
    progress(`pg COPY: ${facts.length} rows in ${(Number(elapsedNs) / 1e6).toFixed(0)} ms`);
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
