import { PersistenceInputError } from './persistence-input.error';
import { SERVED_PROJECTION_VERSION } from './projection-version';

/** Most activities one page of an artifact's activities returns. */
export const MAX_ACTIVITY_PAGE = 100;

/** One activity (emission fact) of an artifact, as the served projection counts it. */
export interface ArtifactActivityRow {
  eventId: string;
  /** ISO 8601 with microseconds, as stored. */
  occurredAt: string;
  kind: string;
  /** Method tier (data quality): measured, metered, modelled… (docs/methodology.md). */
  tier: string;
  modelId: string;
  scope: number;
  category: string;
  /** Ids of the catalogue factors the methodology used (libs/factors). */
  factorIds: string[];
  factorSetVersion: string;
  methodologyVersion: string;
  pue: number;
  intensityGPerKwh: number;
  energyKwh: number;
  energyLowKwh: number;
  energyHighKwh: number;
  co2eG: number;
  co2eLowG: number;
  co2eHighG: number;
  co2eMarketG: number;
}

export interface ArtifactActivityPage {
  rows: ArtifactActivityRow[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * The artifact's own activities (facts naming it, not those of artifacts feeding it) in the
 * served projection, oldest first, keyset-paginated on (occurred_at, event_id). $1 tenant,
 * $2 project, $3 artifact, $4/$5 the cursor's position (null: from the start), $6 limit.
 * occurred_at is carried as text with microseconds so a cursor is exact.
 */
export const ARTIFACT_ACTIVITIES = `
  select event_id::text as "eventId",
         to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "occurredAt",
         activity_kind as kind, tier, model_id as "modelId", scope, category,
         factor_ids as "factorIds", factor_set_version as "factorSetVersion",
         methodology_version as "methodologyVersion", pue,
         intensity_g_per_kwh as "intensityGPerKwh", energy_kwh as "energyKwh",
         energy_low_kwh as "energyLowKwh", energy_high_kwh as "energyHighKwh",
         co2e_g as "co2eG", co2e_low_g as "co2eLowG", co2e_high_g as "co2eHighG",
         co2e_market_g as "co2eMarketG"
    from emission_facts
   where tenant_id = $1 and project_id = $2 and artifact_id = $3
     and projection_version = ${SERVED_PROJECTION_VERSION}
     and ($4::timestamptz is null or (occurred_at, event_id) > ($4::timestamptz, $5::uuid))
   order by occurred_at, event_id
   limit $6`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Opaque cursor: base64url of ['v1', occurredAt, eventId] of the page's last row. */
export function encodeActivityCursor(row: Pick<ArtifactActivityRow, 'occurredAt' | 'eventId'>) {
  return Buffer.from(JSON.stringify(['v1', row.occurredAt, row.eventId]), 'utf8').toString(
    'base64url',
  );
}

export function decodeActivityCursor(
  field: string,
  cursor: string,
): { occurredAt: string; eventId: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== 'v1' ||
    typeof parsed[1] !== 'string' ||
    !STORED_INSTANT.test(parsed[1]) ||
    typeof parsed[2] !== 'string' ||
    !UUID.test(parsed[2])
  ) {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  return { occurredAt: parsed[1], eventId: parsed[2] };
}
