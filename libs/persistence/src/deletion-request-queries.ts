import type { Range, StorageMediaTier } from '@greenops/domain';
import type { RetentionRequestAction } from './deletion-request-store';
import type { DatabaseHandle } from './database-handle';
import { requireIdentifier, requireIntInRange, requireText, requireUuid } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { boundedColumn, boundOptionalText, MAX_RETURNED_TEXT_CHARS } from './returned-text';

/** A request's status as read: OVERDUE is a PENDING request past its deadline. */
export const DELETION_REQUEST_STATUSES = ['PENDING', 'OVERDUE', 'CONFIRMED', 'FAILED'] as const;
export type DeletionRequestStatus = (typeof DELETION_REQUEST_STATUSES)[number];

export const MAX_DELETION_REQUEST_PAGE = 1000;
/** Requests of the candidates' projects an enforcement reads to find those already requested. */
export const MAX_KNOWN_REQUESTS = 50_000;

export interface DeletionRequestRow {
  requestId: string;
  projectId: string;
  artifactId: string;
  storageSystem: string;
  uri: string | null;
  bytes: number;
  co2eGPerDay: Range;
  policyId: string | null;
  policyRef: string | null;
  requestedAt: string;
  requestedBy: string;
  deadline: string;
  status: DeletionRequestStatus;
  sendCount: number;
  lastSentAt: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  answerReason: string | null;
  deletedBytes: number | null;
  action: RetentionRequestAction;
  /** A move's tiers (null for a deletion). */
  fromMedia: StorageMediaTier | null;
  toMedia: StorageMediaTier | null;
  movedBytes: number | null;
}

export interface DecisionRow {
  eventId: string;
  policyId: string | null;
  policyRef: string | null;
  requestCount: number;
  decidedAt: string;
  /** The requests the decision made, by request id (a replay answers them again). */
  requestIds: string[];
}

/**
 * Per holding: whether a live request exists (not FAILED, and not a CONFIRMED move), how many
 * deletions FAILED, and how many moves were settled (FAILED or CONFIRMED): the generations of
 * the next deletion and move request ids.
 */
export interface KnownRequests {
  live: Set<string>;
  failed: Map<string, number>;
  settledMoves: Map<string, number>;
}

export interface BreachRow {
  projectId: string;
  artifactId: string;
  storageSystem: string;
  requestId: string;
  observedAt: string;
  bytes: number;
  eventId: string;
}

/**
 * Confirmed requests summed: Σ g/day avoided (a deletion's whole rate, a move's tier
 * difference), Σ g/day × days since each confirmation.
 */
export interface ConfirmedDeletionSums {
  deletions: number;
  bytesDeleted: number;
  moves: number;
  bytesMoved: number;
  gPerDay: Range;
  gDaysToDate: Range;
}

export const holdingKey = (projectId: string, artifactId: string, storageSystem: string) =>
  JSON.stringify([projectId, artifactId, storageSystem]);

const STATUS_SQL = `case when status = 'PENDING' and deadline < $2::timestamptz then 'OVERDUE'
                         else status end`;

const REQUEST_COLUMNS = `
  request_id::text as "requestId", project_id as "projectId", artifact_id as "artifactId",
  storage_system as "storageSystem", ${boundedColumn('uri', MAX_RETURNED_TEXT_CHARS)} as uri, bytes,
  co2e_g_per_day_low as low, co2e_g_per_day as nominal, co2e_g_per_day_high as high,
  policy_id::text as "policyId", ${boundedColumn('policy_ref', MAX_RETURNED_TEXT_CHARS)} as "policyRef",
  requested_at as "requestedAt", requested_by as "requestedBy", deadline, ${STATUS_SQL} as status,
  send_count as "sendCount", last_sent_at as "lastSentAt", answered_at as "answeredAt",
  answered_by as "answeredBy", ${boundedColumn('answer_reason', MAX_RETURNED_TEXT_CHARS)} as "answerReason",
  deleted_bytes as "deletedBytes", action, from_media as "fromMedia", to_media as "toMedia",
  moved_bytes as "movedBytes"`;

const REQUESTS = `
  select ${REQUEST_COLUMNS} from retention_deletion_requests
   where tenant_id = $1 and ($3::text is null or storage_system = $3)
     and ($4::text is null or ${STATUS_SQL} = $4) and action = $6
   order by requested_at, request_id limit $5`;

const REQUEST = `
  select ${REQUEST_COLUMNS} from retention_deletion_requests where tenant_id = $1 and request_id = $3`;

const DECISION = `
  select d.event_id::text as "eventId", d.policy_id::text as "policyId", d.policy_ref as "policyRef",
         d.request_count as "requestCount", d.decided_at as "decidedAt",
         array(select r.request_id::text from retention_deletion_requests r
                where r.tenant_id = d.tenant_id and r.idempotency_key = d.idempotency_key
                order by r.request_id) as "requestIds"
    from retention_decisions d where d.tenant_id = $1 and d.idempotency_key = $2`;

const KNOWN = `
  select project_id as "projectId", artifact_id as "artifactId", storage_system as "storageSystem",
         status, action from retention_deletion_requests
   where tenant_id = $1 and project_id = any($2::text[])
   limit ${MAX_KNOWN_REQUESTS + 1}`;

const BREACHES = `
  select project_id as "projectId", artifact_id as "artifactId", storage_system as "storageSystem",
         request_id::text as "requestId", observed_at as "observedAt", bytes, event_id::text as "eventId"
    from retention_breaches
   where tenant_id = $1 and ($2::text is null or project_id = $2)
   order by observed_at, event_id limit $3`;

// Avoided emissions are booked from the confirmation on: the rate the holding had when it was
// requested, over the days since (docs/retention.md, "Booked avoided emissions").
const CONFIRMED_SUMS = `
  select count(*) filter (where action = 'DELETE')::int as deletions,
         coalesce(sum(coalesce(deleted_bytes, bytes)) filter (where action = 'DELETE'), 0)::float8 as bytes,
         count(*) filter (where action = 'MOVE')::int as moves,
         coalesce(sum(coalesce(moved_bytes, bytes)) filter (where action = 'MOVE'), 0)::float8 as moved,
         coalesce(sum(co2e_g_per_day_low), 0)::float8 as low,
         coalesce(sum(co2e_g_per_day), 0)::float8 as nominal,
         coalesce(sum(co2e_g_per_day_high), 0)::float8 as high,
         coalesce(sum(co2e_g_per_day_low * d), 0)::float8 as low_days,
         coalesce(sum(co2e_g_per_day * d), 0)::float8 as nominal_days,
         coalesce(sum(co2e_g_per_day_high * d), 0)::float8 as high_days
    from (select *, greatest(0, extract(epoch from ($2::timestamptz - answered_at)) / 86400) as d
            from retention_deletion_requests
           where tenant_id = $1 and status = 'CONFIRMED'
             and ($3::text is null or project_id = $3)
             and ($4::uuid is null or policy_id = $4::uuid)) c`;

type RawRequest = Omit<DeletionRequestRow, 'co2eGPerDay'> & Range;

const iso = (v: unknown) =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();

function request(r: RawRequest): DeletionRequestRow {
  return {
    requestId: r.requestId,
    projectId: r.projectId,
    artifactId: r.artifactId,
    storageSystem: r.storageSystem,
    uri: boundOptionalText(r.uri, MAX_RETURNED_TEXT_CHARS),
    bytes: Number(r.bytes),
    co2eGPerDay: { low: Number(r.low), nominal: Number(r.nominal), high: Number(r.high) },
    policyId: r.policyId,
    policyRef: r.policyRef,
    requestedAt: iso(r.requestedAt) as string,
    requestedBy: r.requestedBy,
    deadline: iso(r.deadline) as string,
    status: r.status,
    sendCount: Number(r.sendCount),
    lastSentAt: iso(r.lastSentAt),
    answeredAt: iso(r.answeredAt),
    answeredBy: r.answeredBy,
    answerReason: r.answerReason,
    deletedBytes: r.deletedBytes === null ? null : Number(r.deletedBytes),
    action: r.action,
    fromMedia: r.fromMedia,
    toMedia: r.toMedia,
    movedBytes: r.movedBytes === null ? null : Number(r.movedBytes),
  };
}

/** Enforcement's read side (docs/retention.md). Every statement is scoped by tenant. */
export class DeletionRequestQueries {
  constructor(private readonly db: DatabaseHandle) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }

  async deletionRequests(
    tenant: string,
    filter: {
      storageSystem?: string;
      status?: DeletionRequestStatus;
      action?: RetentionRequestAction;
    },
    first: number,
    now: Date,
  ): Promise<DeletionRequestRow[]> {
    if (filter.status !== undefined && !DELETION_REQUEST_STATUSES.includes(filter.status))
      throw new PersistenceInputError(
        'status',
        `must be one of ${DELETION_REQUEST_STATUSES.join(', ')}`,
      );
    if (filter.action !== undefined && filter.action !== 'DELETE' && filter.action !== 'MOVE')
      throw new PersistenceInputError('action', 'must be DELETE or MOVE');
    const rows = await this.read<RawRequest>(REQUESTS, [
      requireIdentifier('tenant', tenant),
      now.toISOString(),
      filter.storageSystem === undefined
        ? null
        : requireIdentifier('storageSystem', filter.storageSystem),
      filter.status ?? null,
      requireIntInRange('first', first, 0, MAX_DELETION_REQUEST_PAGE),
      // Deletions unless moves are asked for: a holder that polls deletions never sees a move.
      filter.action ?? 'DELETE',
    ]);
    return rows.map(request);
  }

  async deletionRequest(
    tenant: string,
    requestId: string,
    now: Date,
  ): Promise<DeletionRequestRow | null> {
    const rows = await this.read<RawRequest>(REQUEST, [
      requireIdentifier('tenant', tenant),
      now.toISOString(),
      requireUuid('requestId', requestId),
    ]);
    return rows[0] ? request(rows[0]) : null;
  }

  async decision(tenant: string, idempotencyKey: string): Promise<DecisionRow | null> {
    const rows = await this.read<DecisionRow & { decidedAt: Date }>(DECISION, [
      requireIdentifier('tenant', tenant),
      requireText('idempotencyKey', idempotencyKey),
    ]);
    return rows[0] ? { ...rows[0], decidedAt: iso(rows[0].decidedAt) as string } : null;
  }

  /** The requests already made for holdings of these projects (holdingKey → state). */
  async knownRequests(tenant: string, projectIds: string[]): Promise<KnownRequests> {
    const known: KnownRequests = { live: new Set(), failed: new Map(), settledMoves: new Map() };
    if (projectIds.length === 0) return known;
    const rows = await this.read<{
      projectId: string;
      artifactId: string;
      storageSystem: string;
      status: string;
      action: RetentionRequestAction;
    }>(KNOWN, [
      requireIdentifier('tenant', tenant),
      projectIds.map((p, i) => requireIdentifier(`projectIds[${i}]`, p)),
    ]);
    if (rows.length > MAX_KNOWN_REQUESTS)
      throw new PersistenceInputError(
        'INVALID_INPUT',
        `these projects hold more than ${MAX_KNOWN_REQUESTS} deletion requests: name fewer projects`,
      );
    for (const r of rows) {
      const k = holdingKey(r.projectId, r.artifactId, r.storageSystem);
      if (r.action === 'MOVE' && r.status !== 'PENDING')
        known.settledMoves.set(k, (known.settledMoves.get(k) ?? 0) + 1);
      else if (r.status === 'FAILED') known.failed.set(k, (known.failed.get(k) ?? 0) + 1);
      else known.live.add(k);
    }
    return known;
  }

  async breaches(
    tenant: string,
    projectId: string | undefined,
    first: number,
  ): Promise<BreachRow[]> {
    const rows = await this.read<BreachRow & { observedAt: Date }>(BREACHES, [
      requireIdentifier('tenant', tenant),
      projectId === undefined ? null : requireIdentifier('projectId', projectId),
      requireIntInRange('first', first, 0, MAX_DELETION_REQUEST_PAGE),
    ]);
    return rows.map((r) => ({
      ...r,
      bytes: Number(r.bytes),
      observedAt: iso(r.observedAt) as string,
    }));
  }

  /** Confirmed deletions of a project, a policy, or the tenant, summed at `now`. */
  async confirmedDeletionSums(
    tenant: string,
    scope: { projectId?: string; policyId?: string },
    now: Date,
  ): Promise<ConfirmedDeletionSums> {
    const rows = await this.read<Record<string, number>>(CONFIRMED_SUMS, [
      requireIdentifier('tenant', tenant),
      now.toISOString(),
      scope.projectId === undefined ? null : requireIdentifier('projectId', scope.projectId),
      scope.policyId === undefined ? null : requireUuid('policyId', scope.policyId),
    ]);
    const r = rows[0];
    return {
      deletions: Number(r.deletions),
      bytesDeleted: Number(r.bytes),
      moves: Number(r.moves),
      bytesMoved: Number(r.moved),
      gPerDay: { low: Number(r.low), nominal: Number(r.nominal), high: Number(r.high) },
      gDaysToDate: {
        low: Number(r.low_days),
        nominal: Number(r.nominal_days),
        high: Number(r.high_days),
      },
    };
  }
}
