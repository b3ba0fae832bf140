import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { EmissionFactColumns } from './emission-fact-columns';

/**
 * Facts staged by COPY (plain PostgreSQL): the columns of the `unnest` source of
 * emission-fact-sql.ts, in the same order and with the same names, so one INSERT … SELECT reads
 * either. A temporary table of the session, emptied at each commit.
 */
export const STAGING_TABLE = 'emission_facts_staging';

const STAGING_COLUMNS = [
  ['tenant_id', 'text'],
  ['project_id', 'text'],
  ['event_id', 'uuid'],
  ['occurred_at', 'timestamptz'],
  ['recorded_at', 'timestamptz'],
  ['artifact_id', 'text'],
  ['activity_kind', 'text'],
  ['tier', 'text'],
  ['scope', 'smallint'],
  ['category', 'text'],
  ['model_id', 'text'],
  ['factor_ids_json', 'text'],
  ['methodology_version', 'text'],
  ['factor_set_version', 'text'],
  ['energy_it_kwh', 'float8'],
  ['energy_kwh', 'float8'],
  ['energy_low_kwh', 'float8'],
  ['energy_high_kwh', 'float8'],
  ['pue', 'float8'],
  ['intensity_g_per_kwh', 'float8'],
  ['market_intensity_g_per_kwh', 'float8'],
  ['operational_g', 'float8'],
  ['operational_market_g', 'float8'],
  ['embodied_g', 'float8'],
  ['training_g', 'float8'],
  ['co2e_g', 'float8'],
  ['co2e_market_g', 'float8'],
  ['co2e_low_g', 'float8'],
  ['co2e_high_g', 'float8'],
  ['projection_version', 'int'],
  ['notes_json', 'text'],
] as const;

const CREATE_STAGING = `
  create temporary table if not exists ${STAGING_TABLE} (
    ${STAGING_COLUMNS.map(([name, type]) => `${name} ${type}`).join(',\n    ')}
  ) on commit delete rows`;

const COPY_STAGING = `copy ${STAGING_TABLE} from stdin with (format csv)`;

/** A CSV text field: always quoted (so '' stays an empty string), quotes doubled. */
function text(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * The facts as COPY CSV, one line per row in STAGING_COLUMNS order. Text is quoted; a null is an
 * unquoted empty field; numbers are JavaScript's shortest round-trip form, which float8 reads
 * back as the same double. Every value was checked by toEmissionFactColumns (finite numbers,
 * instants, uuids), so nothing here needs more than quoting.
 */
export function factsCsv(c: EmissionFactColumns): string {
  const lines: string[] = new Array(c.eventId.length);
  for (let i = 0; i < c.eventId.length; i++) {
    const artifactId = c.artifactId[i];
    lines[i] = [
      text(c.tenantId[i]),
      text(c.projectId[i]),
      c.eventId[i],
      c.occurredAt[i],
      c.recordedAt[i],
      artifactId === null ? '' : text(artifactId),
      text(c.activityKind[i]),
      text(c.tier[i]),
      c.scope[i],
      text(c.category[i]),
      text(c.modelId[i]),
      text(c.factorIdsJson[i]),
      text(c.methodologyVersion[i]),
      text(c.factorSetVersion[i]),
      c.energyItKwh[i],
      c.energyKwh[i],
      c.energyLowKwh[i],
      c.energyHighKwh[i],
      c.pue[i],
      c.intensityGPerKwh[i],
      c.marketIntensityGPerKwh[i],
      c.operationalG[i],
      c.operationalMarketG[i],
      c.embodiedG[i],
      c.trainingG[i],
      c.co2eG[i],
      c.co2eMarketG[i],
      c.co2eLowG[i],
      c.co2eHighG[i],
      c.projectionVersion[i],
      text(c.notesJson[i]),
    ].join(',');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Stages facts in the transaction `tx` by COPY: one CSV text instead of 31 array parameters
 * whose every element the driver escapes (the largest allocator of the projector,
 * tools/bench/results/profile-2026-11-29.md). The caller then inserts from STAGING_TABLE in
 * the same transaction. node-postgres connections only (openPostgres).
 */
export async function stageFactsByCopy(
  tx: EntityManager,
  facts: EmissionFactColumns,
): Promise<void> {
  const runner = tx.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined;
  const client = runner?.databaseConnection;
  if (!client) throw new Error('COPY needs the transaction’s own pg connection');
  await tx.query(CREATE_STAGING);
  await pipeline(Readable.from([factsCsv(facts)]), client.query(copyFrom(COPY_STAGING)));
}
