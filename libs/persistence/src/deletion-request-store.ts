import { STORAGE_MEDIA_TIERS, type Range, type StorageMediaTier } from '@greenops/domain';
import type { DatabaseHandle } from './database-handle';
import { requireIdentifier, requireInstant, requireText, requireUuid } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';

/** The audit actions of enforcement (docs/retention.md, "Audit and roles"). */
export const ENFORCEMENT_AUDIT_ACTIONS = [
  'ENFORCEMENT',
  'DELETION_REQUESTED',
  'DELETION_CONFIRMED',
  'DELETION_FAILED',
  'DELETION_RESENT',
  'MOVE_REQUESTED',
  'MOVE_CONFIRMED',
  'MOVE_FAILED',
  'MOVE_RESENT',
] as const;

/** What a request asks of its holder. */
export type RetentionRequestAction = 'DELETE' | 'MOVE';

/** A move's tiers: where the holding is and where it goes. */
export interface RetentionMove {
  fromMedia: StorageMediaTier;
  toMedia: StorageMediaTier;
}

/** Who re-sends overdue requests, as the audit trail names it. */
export const RESEND_ACTOR = 'greenops:retention-sweep';

/** One request of a decision: one holding (artifact × storage system). */
export interface DeletionRequestInput {
  requestId: string;
  projectId: string;
  artifactId: string;
  storageSystem: string;
  uri: string | null;
  bytes: number;
  /** What the request avoids per day: a deletion the whole rate, a move the tier difference. */
  co2eGPerDay: Range;
  deadline: string;
  /** Present for a move; absent (or null) for a deletion. */
  move?: RetentionMove | null;
}

interface ChangeBase {
  tenant: string;
  eventId: string;
  occurredAt: string;
  keyId: string;
  reason: string | null;
}

/** One enforcement event, in log order. */
export type EnforcementChange = ChangeBase &
  (
    | {
        type: 'deletionsDecided';
        idempotencyKey: string;
        policyId: string | null;
        policyRef: string | null;
        requests: DeletionRequestInput[];
      }
    | { type: 'deletionConfirmed'; requestId: string; deletedBytes: number }
    | { type: 'deletionFailed'; requestId: string }
    | { type: 'moveConfirmed'; requestId: string; movedBytes: number }
    | { type: 'moveFailed'; requestId: string }
  );

/** An answer that named no PENDING request of its tenant; nothing was written for it. */
export interface EnforcementSkipped {
  eventId: string;
  field: string;
  reason: string;
}

/** A storage span's holding, as breach detection needs it. */
export interface ObservedHolding {
  tenant: string;
  projectId: string;
  artifactId: string;
  storageSystem: string;
  media: StorageMediaTier;
  bytes: number;
  lastObservedAt: string;
  eventId: string;
}

/** A request due to be sent, claimed for one sender by a lease. */
export interface DueDeletionRequest {
  tenant: string;
  requestId: string;
  projectId: string;
  artifactId: string;
  storageSystem: string;
  uri: string | null;
  bytes: number;
  deadline: string;
  policyId: string | null;
  policyRef: string | null;
  /** The number this send will carry: 1 for the first, then 2, 3… */
  sendNumber: number;
  /** A move's tiers; null for a deletion. */
  move: RetentionMove | null;
}

type Tx = { query(sql: string, params?: unknown[]): Promise<unknown> };

const INSERT_DECISION = `
  insert into retention_decisions (tenant_id, idempotency_key, event_id, policy_id, policy_ref,
                                   request_count, decided_at, key_id)
  values ($1, $2, $3, $4, $5, $6, $7, $8)
  on conflict (tenant_id, idempotency_key) do nothing
  returning 1 as inserted`;

// No conflict target: the primary key (a re-read request) and the one-live-request-per-holding
// index (another decision already requested that holding) both make the row a no-op.
const INSERT_REQUESTS = `
  insert into retention_deletion_requests (tenant_id, request_id, project_id, artifact_id,
      storage_system, uri, bytes, co2e_g_per_day_low, co2e_g_per_day, co2e_g_per_day_high,
      policy_id, policy_ref, idempotency_key, requested_at, requested_by, deadline, next_send_at,
      action, from_media, to_media)
  select $1, r, p, a, s, u, b, lo, nom, hi, $2::uuid, $3, $4, $5::timestamptz, $6, d, $5::timestamptz,
         case when tm is null then 'DELETE' else 'MOVE' end, fm, tm
    from unnest($7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[],
                $13::float8[], $14::float8[], $15::float8[], $16::timestamptz[], $17::text[],
                $18::text[])
         as x(r, p, a, s, u, b, lo, nom, hi, d, fm, tm)
  on conflict do nothing
  returning request_id::text as "requestId", project_id as "projectId"`;

const INSERT_AUDIT = `
  insert into retention_audit (tenant_id, event_id, action, project_id, subject, key_id, reason,
                               occurred_at, details)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
  on conflict (tenant_id, event_id) do nothing`;

// Each UPDATE … RETURNING sits in a CTE: TypeORM answers a bare one with [rows, count].
// An answer settles only a request of its own action: a move confirmation never a deletion.
const ANSWER = `
  with u as (update retention_deletion_requests
     set status = $3, answered_at = $4, answered_by = $5, answer_reason = $6, deleted_bytes = $7,
         moved_bytes = $9, lease_until = null
   where tenant_id = $1 and request_id = $2 and status = 'PENDING' and action = $8
  returning project_id as "projectId", artifact_id as "artifactId", storage_system as "storageSystem",
            from_media as "fromMedia", to_media as "toMedia")
  select * from u`;

const REQUEST_STATUS = `
  select status, action from retention_deletion_requests where tenant_id = $1 and request_id = $2`;

// The holding is now on the target tier, at that tier's rate from the same storage model
// (kept per tier with the holding). A span observed later updates it as usual.
const MOVE_HOLDING = `
  update retention_holdings
     set media = $5,
         co2e_g_per_day_low = (co2e_g_per_day_by_media -> $5 ->> 'low')::float8,
         co2e_g_per_day = (co2e_g_per_day_by_media -> $5 ->> 'nominal')::float8,
         co2e_g_per_day_high = (co2e_g_per_day_by_media -> $5 ->> 'high')::float8
   where tenant_id = $1 and project_id = $2 and artifact_id = $3 and storage_system = $4
     and media = $6 and last_observed_at <= $7 and co2e_g_per_day_by_media ? $5`;

// The holding is gone; a span observed after the confirmation recreates it (and is a breach).
const DELETE_HOLDING = `
  delete from retention_holdings
   where tenant_id = $1 and project_id = $2 and artifact_id = $3 and storage_system = $4
     and last_observed_at <= $5`;

const RECORD_BREACHES = `
  insert into retention_breaches (tenant_id, event_id, project_id, artifact_id, storage_system,
                                  request_id, observed_at, bytes)
  select x.t, x.e, x.p, x.a, x.s, r.request_id, x.o, x.b
    from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                $7::float8[], $8::text[]) as x(t, e, p, a, s, o, b, m)
    join retention_deletion_requests r
      on r.tenant_id = x.t and r.project_id = x.p and r.artifact_id = x.a
     and r.storage_system = x.s and r.status = 'CONFIRMED' and x.o > r.answered_at
     -- after a move, only bytes seen again on the tier they left contradict it
     and (r.action = 'DELETE' or x.m = r.from_media)
  on conflict do nothing`;

// A lease, not a held transaction, claims the rows: the sender publishes outside any
// transaction (embedded mode writes the event log on the same connection), and a sender that
// dies mid-way leaves rows whose lease expires and another instance sends them.
const CLAIM_DUE = `
  with u as (update retention_deletion_requests r
     set lease_until = $1::timestamptz + ($2::int * interval '1 millisecond')
   where (r.tenant_id, r.request_id) in (
           select tenant_id, request_id from retention_deletion_requests
            where status = 'PENDING' and next_send_at <= $1::timestamptz
              and (lease_until is null or lease_until <= $1::timestamptz)
            order by next_send_at limit $3
              for update skip locked)
  returning r.tenant_id as tenant, r.request_id::text as "requestId", r.project_id as "projectId",
            r.artifact_id as "artifactId", r.storage_system as "storageSystem", r.uri, r.bytes,
            r.deadline, r.policy_id::text as "policyId", r.policy_ref as "policyRef",
            r.send_count + 1 as "sendNumber", r.action, r.from_media as "fromMedia",
            r.to_media as "toMedia")
  select * from u`;

// After a first send the next one is due at the deadline (unanswered by then: OVERDUE); after a
// send past the deadline, one resend interval later.
const MARK_SENT = `
  with u as (update retention_deletion_requests
     set send_count = greatest(send_count, $3), last_sent_at = $4, lease_until = null,
         next_send_at = case when deadline > $4::timestamptz then deadline
                             else $4::timestamptz + ($5::int * interval '1 millisecond') end
   where tenant_id = $1 and request_id = $2 and status = 'PENDING' and send_count < $3
  returning deadline, action)
  select * from u`;

/**
 * Enforcement's write side (docs/retention.md, "Enforcement"): decisions become deletion
 * requests and audit records, answers settle them and remove the holding, spans observed after
 * a confirmed deletion become breaches — all inside the retention projector's transaction
 * (RetentionStore.commitRetentionBatch), each statement idempotent. The sender claims due
 * requests by lease and marks them sent.
 */
export async function applyEnforcementChanges(
  tx: Tx,
  changes: EnforcementChange[],
): Promise<EnforcementSkipped[]> {
  const skipped: EnforcementSkipped[] = [];
  const valid: EnforcementChange[] = [];
  // A holder's bad answer is passed over by field; the rest of the batch goes through.
  changes.forEach((change, i) => {
    try {
      valid.push(checkChange(change, i));
    } catch (error) {
      if (!(error instanceof PersistenceInputError)) throw error;
      skipped.push({ eventId: String(change.eventId), field: error.field, reason: error.reason });
    }
  });
  for (const c of valid) {
    if (c.type === 'deletionsDecided') {
      const fresh = (await tx.query(INSERT_DECISION, [
        c.tenant,
        c.idempotencyKey,
        c.eventId,
        c.policyId,
        c.policyRef,
        c.requests.length,
        c.occurredAt,
        c.keyId,
      ])) as unknown[];
      if (fresh.length === 0) continue; // this key was decided before: a retry adds nothing
      const rs = c.requests;
      const inserted = (
        rs.length === 0
          ? []
          : await tx.query(INSERT_REQUESTS, [
              c.tenant,
              c.policyId,
              c.policyRef,
              c.idempotencyKey,
              c.occurredAt,
              c.keyId,
              rs.map((r) => r.requestId),
              rs.map((r) => r.projectId),
              rs.map((r) => r.artifactId),
              rs.map((r) => r.storageSystem),
              rs.map((r) => r.uri),
              rs.map((r) => r.bytes),
              rs.map((r) => r.co2eGPerDay.low),
              rs.map((r) => r.co2eGPerDay.nominal),
              rs.map((r) => r.co2eGPerDay.high),
              rs.map((r) => r.deadline),
              rs.map((r) => r.move?.fromMedia ?? null),
              rs.map((r) => r.move?.toMedia ?? null),
            ])
      ) as Array<{ requestId: string; projectId: string }>;
      await tx.query(INSERT_AUDIT, [
        c.tenant,
        c.eventId,
        'ENFORCEMENT',
        null,
        c.policyId ?? c.policyRef,
        c.keyId,
        c.reason,
        c.occurredAt,
        JSON.stringify({
          idempotencyKey: c.idempotencyKey,
          decided: rs.length,
          requested: inserted.length,
        }),
      ]);
      const byId = new Map(rs.map((r) => [r.requestId, r]));
      for (const row of inserted) {
        const r = byId.get(row.requestId);
        // The request id is unique per tenant, so it is the audit record's event id too.
        await tx.query(INSERT_AUDIT, [
          c.tenant,
          row.requestId,
          r?.move ? 'MOVE_REQUESTED' : 'DELETION_REQUESTED',
          row.projectId,
          row.requestId,
          c.keyId,
          c.reason,
          c.occurredAt,
          JSON.stringify({
            artifactId: r?.artifactId,
            storageSystem: r?.storageSystem,
            deadline: r?.deadline,
            ...(r?.move ? { fromMedia: r.move.fromMedia, toMedia: r.move.toMedia } : {}),
            decision: c.eventId,
          }),
        ]);
      }
      continue;
    }
    const confirmed = c.type === 'deletionConfirmed' || c.type === 'moveConfirmed';
    const action: RetentionRequestAction =
      c.type === 'moveConfirmed' || c.type === 'moveFailed' ? 'MOVE' : 'DELETE';
    const rows = (await tx.query(ANSWER, [
      c.tenant,
      c.requestId,
      confirmed ? 'CONFIRMED' : 'FAILED',
      c.occurredAt,
      c.keyId,
      c.reason,
      c.type === 'deletionConfirmed' ? c.deletedBytes : null,
      action,
      c.type === 'moveConfirmed' ? c.movedBytes : null,
    ])) as Array<{
      projectId: string;
      artifactId: string;
      storageSystem: string;
      fromMedia: string | null;
      toMedia: string | null;
    }>;
    const settled = rows[0];
    if (!settled) {
      const status = (await tx.query(REQUEST_STATUS, [c.tenant, c.requestId])) as Array<{
        status: string;
        action: string;
      }>;
      // A re-read answer finds its request settled already: nothing to report.
      if (status.length === 0)
        skipped.push({
          eventId: c.eventId,
          field: 'payload.requestId',
          reason: `no ${action === 'MOVE' ? 'move' : 'deletion'} request of this tenant has that id`,
        });
      else if (status[0].action !== action)
        skipped.push({
          eventId: c.eventId,
          field: 'payload.requestId',
          reason: `is a ${status[0].action} request: answer it as one`,
        });
      continue;
    }
    if (c.type === 'deletionConfirmed') {
      await tx.query(DELETE_HOLDING, [
        c.tenant,
        settled.projectId,
        settled.artifactId,
        settled.storageSystem,
        c.occurredAt,
      ]);
    } else if (c.type === 'moveConfirmed') {
      await tx.query(MOVE_HOLDING, [
        c.tenant,
        settled.projectId,
        settled.artifactId,
        settled.storageSystem,
        settled.toMedia,
        settled.fromMedia,
        c.occurredAt,
      ]);
    }
    const audited =
      action === 'MOVE'
        ? confirmed
          ? 'MOVE_CONFIRMED'
          : 'MOVE_FAILED'
        : confirmed
          ? 'DELETION_CONFIRMED'
          : 'DELETION_FAILED';
    await tx.query(INSERT_AUDIT, [
      c.tenant,
      c.eventId,
      audited,
      settled.projectId,
      c.requestId,
      c.keyId,
      c.reason,
      c.occurredAt,
      JSON.stringify({
        artifactId: settled.artifactId,
        storageSystem: settled.storageSystem,
        ...(c.type === 'deletionConfirmed' ? { deletedBytes: c.deletedBytes } : {}),
        ...(c.type === 'moveConfirmed'
          ? { movedBytes: c.movedBytes, fromMedia: settled.fromMedia, toMedia: settled.toMedia }
          : {}),
      }),
    ]);
  }
  return skipped;
}

/** Spans observed on a system after the deletion there was confirmed: policy breaches. */
export async function recordBreaches(tx: Tx, holdings: ObservedHolding[]): Promise<void> {
  if (holdings.length === 0) return;
  await tx.query(RECORD_BREACHES, [
    holdings.map((h) => h.tenant),
    holdings.map((h) => h.eventId),
    holdings.map((h) => h.projectId),
    holdings.map((h) => h.artifactId),
    holdings.map((h) => h.storageSystem),
    holdings.map((h) => h.lastObservedAt),
    holdings.map((h) => h.bytes),
    holdings.map((h) => h.media),
  ]);
}

/** The sender's side of the requests outbox. */
export class DeletionRequestStore {
  constructor(private readonly db: DatabaseHandle) {}

  /** Claims up to `limit` requests due at `now` for `leaseMs` (another sender skips them). */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<DueDeletionRequest[]> {
    const rows = (await this.db.dataSource.query(CLAIM_DUE, [
      now.toISOString(),
      Math.round(leaseMs),
      Math.max(1, Math.min(1000, Math.round(limit))),
    ])) as Array<
      Omit<DueDeletionRequest, 'deadline' | 'bytes' | 'sendNumber' | 'move'> & {
        deadline: Date;
        bytes: number;
        sendNumber: number;
        action: RetentionRequestAction;
        fromMedia: StorageMediaTier | null;
        toMedia: StorageMediaTier | null;
      }
    >;
    return rows.map(({ action, fromMedia, toMedia, ...r }) => ({
      ...r,
      bytes: Number(r.bytes),
      sendNumber: Number(r.sendNumber),
      deadline: new Date(r.deadline).toISOString(),
      move: action === 'MOVE' && fromMedia && toMedia ? { fromMedia, toMedia } : null,
    }));
  }

  /**
   * Records sends (after they were published). A send past its deadline (a re-send of an
   * OVERDUE request) is audited as DELETION_RESENT (a move's as MOVE_RESENT) under
   * `resendEventId(request)`.
   */
  async markSent(
    sent: Array<Pick<DueDeletionRequest, 'tenant' | 'requestId' | 'projectId' | 'sendNumber'>>,
    now: Date,
    resendMs: number,
    resendEventId: (requestId: string, sendNumber: number) => string,
  ): Promise<void> {
    await this.db.dataSource.transaction(async (tx) => {
      for (const s of sent) {
        const rows = (await tx.query(MARK_SENT, [
          s.tenant,
          s.requestId,
          s.sendNumber,
          now.toISOString(),
          Math.round(resendMs),
        ])) as Array<{ action: RetentionRequestAction }>;
        if (rows.length === 0 || s.sendNumber === 1) continue;
        await tx.query(INSERT_AUDIT, [
          s.tenant,
          resendEventId(s.requestId, s.sendNumber),
          rows[0].action === 'MOVE' ? 'MOVE_RESENT' : 'DELETION_RESENT',
          s.projectId,
          s.requestId,
          RESEND_ACTOR,
          'unanswered by its deadline',
          now.toISOString(),
          JSON.stringify({ sendNumber: s.sendNumber }),
        ]);
      }
    });
  }
}

function checkChange(c: EnforcementChange, i: number): EnforcementChange {
  const at = (field: string) => `enforcement[${i}].${field}`;
  const base = {
    tenant: requireIdentifier(at('tenant'), c.tenant),
    eventId: requireUuid(at('eventId'), c.eventId),
    occurredAt: new Date(requireInstant(at('occurredAt'), c.occurredAt)).toISOString(),
    keyId: requireText(at('keyId'), c.keyId),
  };
  if (c.type !== 'deletionsDecided') {
    if (c.type === 'deletionConfirmed' && !(Number.isFinite(c.deletedBytes) && c.deletedBytes >= 0))
      throw new PersistenceInputError(at('deletedBytes'), 'must be a finite number ≥ 0');
    if (c.type === 'moveConfirmed' && !(Number.isFinite(c.movedBytes) && c.movedBytes >= 0))
      throw new PersistenceInputError(at('movedBytes'), 'must be a finite number ≥ 0');
    return { ...c, ...base, requestId: requireUuid(at('requestId'), c.requestId) };
  }
  return {
    ...c,
    ...base,
    idempotencyKey: requireText(at('idempotencyKey'), c.idempotencyKey),
    policyId: c.policyId === null ? null : requireUuid(at('policyId'), c.policyId),
    requests: c.requests.map((r, j) => ({
      ...r,
      requestId: requireUuid(at(`requests[${j}].requestId`), r.requestId),
      projectId: requireIdentifier(at(`requests[${j}].projectId`), r.projectId),
      artifactId: requireIdentifier(at(`requests[${j}].artifactId`), r.artifactId),
      storageSystem: requireIdentifier(at(`requests[${j}].storageSystem`), r.storageSystem),
      deadline: new Date(requireInstant(at(`requests[${j}].deadline`), r.deadline)).toISOString(),
      move: r.move ? checkMove(at(`requests[${j}].move`), r.move) : null,
    })),
  };
}

function checkMove(field: string, move: RetentionMove): RetentionMove {
  if (!STORAGE_MEDIA_TIERS.includes(move.fromMedia))
    throw new PersistenceInputError(`${field}.fromMedia`, 'must be a storage media tier');
  if (!STORAGE_MEDIA_TIERS.includes(move.toMedia))
    throw new PersistenceInputError(`${field}.toMedia`, 'must be a storage media tier');
  if (move.fromMedia === move.toMedia)
    throw new PersistenceInputError(`${field}.toMedia`, 'must differ from fromMedia');
  return move;
}
