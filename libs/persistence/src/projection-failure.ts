import { requireIntInRange, requireText } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { boundText, MAX_RETURNED_ID_CHARS, MAX_RETURNED_TEXT_CHARS } from './returned-text';

/** Where projecting an event failed (docs/operations.md, "Projection failures"). */
export const PROJECTION_STAGES = ['parse', 'factor-set', 'compute', 'ceiling', 'store'] as const;
export type ProjectionStage = (typeof PROJECTION_STAGES)[number];

/**
 * An event the projector did not count, recorded in `projection_failures` once per consumer
 * group, log position, event (one record can carry many), stage and projection version. `tenant` is '' when the record does not
 * say whose it is.
 */
export interface ProjectionFailureInput {
  tenant: string;
  eventId?: string;
  group: string;
  log: { topic: string; partition: number; offset: string };
  /** The projection version it was computed for; 0 when none applies (e.g. a parse failure). */
  projectionVersion?: number;
  stage: ProjectionStage;
  field: string;
  reason: string;
}

/** Stored texts are bounded: a reason is at most this long (the rest is cut). */
const MAX_STORED_REASON_CHARS = 2000;

export const INSERT_PROJECTION_FAILURES = `
  insert into projection_failures (tenant_id, event_id, consumer_group, log_topic, log_partition,
                                   log_offset, projection_version, stage, field, reason)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[],
                       $7::int[], $8::text[], $9::text[], $10::text[])
  on conflict (consumer_group, log_topic, log_partition, log_offset, event_id, stage,
               projection_version)
  do nothing`;

export function projectionFailureParams(rows: readonly ProjectionFailureInput[]): unknown[] {
  const checked = rows.map((r, i) => {
    const at = (field: string) => `failures[${i}].${field}`;
    if (!/^\d+$/.test(String(r.log?.offset)))
      throw new PersistenceInputError(at('log.offset'), 'must be a log offset');
    if (!(PROJECTION_STAGES as readonly string[]).includes(r.stage))
      throw new PersistenceInputError(
        at('stage'),
        `must be one of ${PROJECTION_STAGES.join(', ')}`,
      );
    return {
      tenant: typeof r.tenant === 'string' ? r.tenant.slice(0, MAX_RETURNED_ID_CHARS) : '',
      eventId: r.eventId === undefined ? null : String(r.eventId).slice(0, MAX_RETURNED_ID_CHARS),
      group: requireText(at('group'), r.group),
      topic: requireText(at('log.topic'), r.log.topic),
      partition: requireIntInRange(at('log.partition'), r.log.partition, 0, 1_000_000),
      offset: r.log.offset,
      version: requireIntInRange(at('projectionVersion'), r.projectionVersion ?? 0, 0, 2 ** 31 - 1),
      stage: r.stage,
      field: String(r.field || '(record)').slice(0, MAX_RETURNED_ID_CHARS),
      reason: String(r.reason || 'unknown').slice(0, MAX_STORED_REASON_CHARS),
    };
  });
  return [
    checked.map((r) => r.tenant),
    checked.map((r) => r.eventId),
    checked.map((r) => r.group),
    checked.map((r) => r.topic),
    checked.map((r) => r.partition),
    checked.map((r) => r.offset),
    checked.map((r) => r.version),
    checked.map((r) => r.stage),
    checked.map((r) => r.field),
    checked.map((r) => r.reason),
  ];
}

/** One projection failure as the API serves it. */
export interface ProjectionFailureRow {
  /** Opaque cursor of this row (its id). */
  cursor: string;
  eventId: string | null;
  topic: string;
  partition: number;
  offset: string;
  projectionVersion: number;
  stage: string;
  field: string;
  reason: string;
  failedAt: string;
}

export interface ProjectionFailurePage {
  nodes: ProjectionFailureRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Newest first, keyset by id; every returned text cut in SQL. */
export const PROJECTION_FAILURES_PAGE = `
  select id::text as id, substr(event_id, 1, ${MAX_RETURNED_ID_CHARS}) as "eventId",
         substr(log_topic, 1, ${MAX_RETURNED_ID_CHARS}) as topic, log_partition as partition,
         log_offset::text as "offset", projection_version as "projectionVersion",
         substr(stage, 1, ${MAX_RETURNED_ID_CHARS}) as stage,
         substr(field, 1, ${MAX_RETURNED_ID_CHARS}) as field,
         substr(reason, 1, ${MAX_RETURNED_TEXT_CHARS}) as reason, failed_at as "failedAt"
    from projection_failures
   where tenant_id = $1 and ($2::bigint is null or id < $2::bigint)
   order by id desc
   limit $3`;

export function encodeFailureCursor(id: string): string {
  return Buffer.from(JSON.stringify(['f1', id]), 'utf8').toString('base64url');
}

export function decodeFailureCursor(field: string, cursor: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    parsed[0] !== 'f1' ||
    typeof parsed[1] !== 'string' ||
    !/^\d{1,18}$/.test(parsed[1])
  ) {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  return parsed[1];
}

export function toFailureRow(row: {
  id: string;
  eventId: string | null;
  topic: string;
  partition: number;
  offset: string;
  projectionVersion: number;
  stage: string;
  field: string;
  reason: string;
  failedAt: Date;
}): ProjectionFailureRow {
  return {
    cursor: encodeFailureCursor(row.id),
    eventId: row.eventId === null ? null : boundText(row.eventId, MAX_RETURNED_ID_CHARS),
    topic: boundText(row.topic, MAX_RETURNED_ID_CHARS),
    partition: row.partition,
    offset: row.offset,
    projectionVersion: row.projectionVersion,
    stage: boundText(row.stage, MAX_RETURNED_ID_CHARS),
    field: boundText(row.field, MAX_RETURNED_ID_CHARS),
    reason: boundText(row.reason, MAX_RETURNED_TEXT_CHARS),
    failedAt: row.failedAt.toISOString(),
  };
}
