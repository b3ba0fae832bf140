import type { Range, RetentionPolicy, StorageMediaTier } from '@greenops/domain';
import type { DatabaseHandle } from './database-handle';
import {
  applyEnforcementChanges,
  recordBreaches,
  type EnforcementChange,
  type EnforcementSkipped,
} from './deletion-request-store';
import { requireIdentifier, requireInstant, requireText, requireUuid } from './input-checks';
import { mergeOffsets, type ConsumerOffsetInput } from './offset-merge';
import { PersistenceInputError } from './persistence-input.error';

/** An artifact's holding on one storage system, as its latest storage span states it. */
export interface HoldingUpsert {
  tenant: string;
  projectId: string;
  artifactId: string;
  storageSystem: string;
  uri: string | null;
  media: StorageMediaTier;
  bytes: number;
  replication: number | null;
  country: string | null;
  /** End of the span that observed it (ISO 8601). */
  lastObservedAt: string;
  co2eGPerDay: Range;
  co2eGPerDayByMedia: Record<StorageMediaTier, Range>;
  eventId: string;
}

/** The retention actions of the audit trail (docs/retention.md). */
export const RETENTION_AUDIT_ACTIONS = [
  'POLICY_DEFINED',
  'POLICY_RETIRED',
  'LEGAL_HOLD_SET',
  'LEGAL_HOLD_RELEASED',
] as const;
export type RetentionAuditAction = (typeof RETENTION_AUDIT_ACTIONS)[number];

/** One retention event, in log order, with the audit record it leaves. */
export type RetentionChange =
  | { type: 'policyDefined'; policy: RetentionPolicy }
  | { type: 'policyRetired'; policyId: string }
  | { type: 'legalHoldSet'; projectId: string; artifactId: string; reason: string }
  | { type: 'legalHoldReleased'; projectId: string; artifactId: string };

export interface RetentionChangeInput {
  tenant: string;
  eventId: string;
  occurredAt: string;
  keyId: string;
  reason: string | null;
  change: RetentionChange;
}

export interface RetentionBatch {
  holdings: HoldingUpsert[];
  changes: RetentionChangeInput[];
  /** Deletion decisions and answers (deletion-request-store.ts), after the changes. */
  enforcement?: EnforcementChange[];
  offsets: ConsumerOffsetInput[];
}

const UPSERT_HOLDINGS = `
  insert into retention_holdings as h (tenant_id, project_id, artifact_id, storage_system, uri, media,
      bytes, replication, country, last_observed_at, co2e_g_per_day_low, co2e_g_per_day,
      co2e_g_per_day_high, co2e_g_per_day_by_media, event_id)
  select t, p, a, s, u, m, b, r, c, o, lo, nom, hi, bm::jsonb, e
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::float8[], $8::int[], $9::text[], $10::timestamptz[], $11::float8[],
                $12::float8[], $13::float8[], $14::text[], $15::uuid[])
         as x(t, p, a, s, u, m, b, r, c, o, lo, nom, hi, bm, e)
   -- a span from before a confirmed deletion does not bring the holding back
   where not exists (select 1 from retention_deletion_requests d
                      where d.tenant_id = x.t and d.project_id = x.p and d.artifact_id = x.a
                        and d.storage_system = x.s and d.status = 'CONFIRMED'
                        and d.answered_at >= x.o)
  on conflict (tenant_id, project_id, artifact_id, storage_system) do update set
    uri = coalesce(excluded.uri, h.uri), media = excluded.media, bytes = excluded.bytes,
    replication = excluded.replication, country = excluded.country,
    last_observed_at = excluded.last_observed_at,
    co2e_g_per_day_low = excluded.co2e_g_per_day_low, co2e_g_per_day = excluded.co2e_g_per_day,
    co2e_g_per_day_high = excluded.co2e_g_per_day_high,
    co2e_g_per_day_by_media = excluded.co2e_g_per_day_by_media, event_id = excluded.event_id
  where excluded.last_observed_at >= h.last_observed_at`;

const INSERT_POLICY = `
  insert into retention_policies (tenant_id, policy_id, name, selector, action, grace_days,
                                  defined_at, defined_by)
  values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)
  on conflict (tenant_id, policy_id) do nothing`;

const RETIRE_POLICY = `
  update retention_policies set retired_at = $3, retired_by = $4
   where tenant_id = $1 and policy_id = $2 and retired_at is null`;

const SET_HOLD = `
  insert into legal_holds as l (tenant_id, project_id, artifact_id, reason, set_at, set_by)
  values ($1, $2, $3, $4, $5, $6)
  on conflict (tenant_id, project_id, artifact_id) do update set
    reason = excluded.reason, set_at = excluded.set_at, set_by = excluded.set_by,
    released_at = null, released_by = null
  where l.released_at is not null and excluded.set_at >= l.released_at`;

const RELEASE_HOLD = `
  update legal_holds set released_at = $4, released_by = $5
   where tenant_id = $1 and project_id = $2 and artifact_id = $3 and released_at is null
     and set_at <= $4`;

const INSERT_AUDIT = `
  insert into retention_audit (tenant_id, event_id, action, project_id, subject, key_id, reason,
                               occurred_at, details)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
  on conflict (tenant_id, event_id) do nothing`;

const UPSERT_OFFSETS = `
  insert into consumer_offsets (consumer_group, topic, partition, next_offset, updated_at)
  select g, t, p, o, now() from unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) as x(g, t, p, o)
  on conflict (consumer_group, topic, partition) do update set
    next_offset = excluded.next_offset, updated_at = excluded.updated_at`;

/**
 * The retention projector's write side (docs/retention.md): holdings, policies, legal holds,
 * their audit records and the consumed position, in ONE transaction. Every statement is
 * idempotent, so a re-delivered batch changes nothing. Invalid input throws
 * PersistenceInputError before anything is written.
 */
export class RetentionStore {
  constructor(private readonly db: DatabaseHandle) {}

  /** Returns the enforcement answers that named no request of their tenant (nothing written). */
  async commitRetentionBatch(batch: RetentionBatch): Promise<EnforcementSkipped[]> {
    const observed = batch.holdings.map(checkHolding);
    const holdings = latestHoldings(observed);
    const changes = batch.changes.map(checkChange);
    const offsets = mergeOffsets(batch.offsets);
    return this.db.dataSource.transaction(async (tx) => {
      if (holdings.length > 0) await tx.query(UPSERT_HOLDINGS, holdingParams(holdings));
      await recordBreaches(tx, observed);
      for (const c of changes) {
        const { tenant, occurredAt, keyId } = c;
        const change = c.change;
        let audit: { action: RetentionAuditAction; projectId: string | null; subject: string };
        let details: object = {};
        if (change.type === 'policyDefined') {
          const p = change.policy;
          await tx.query(INSERT_POLICY, [
            tenant,
            p.policyId,
            p.name,
            JSON.stringify(p.selector),
            JSON.stringify(p.action),
            p.graceDays,
            occurredAt,
            keyId,
          ]);
          audit = { action: 'POLICY_DEFINED', projectId: null, subject: p.policyId };
          details = {
            name: p.name,
            selector: p.selector,
            action: p.action,
            graceDays: p.graceDays,
          };
        } else if (change.type === 'policyRetired') {
          await tx.query(RETIRE_POLICY, [tenant, change.policyId, occurredAt, keyId]);
          audit = { action: 'POLICY_RETIRED', projectId: null, subject: change.policyId };
        } else if (change.type === 'legalHoldSet') {
          const params = [tenant, change.projectId, change.artifactId, change.reason];
          await tx.query(SET_HOLD, [...params, occurredAt, keyId]);
          audit = {
            action: 'LEGAL_HOLD_SET',
            projectId: change.projectId,
            subject: change.artifactId,
          };
        } else {
          await tx.query(RELEASE_HOLD, [
            tenant,
            change.projectId,
            change.artifactId,
            occurredAt,
            keyId,
          ]);
          audit = {
            action: 'LEGAL_HOLD_RELEASED',
            projectId: change.projectId,
            subject: change.artifactId,
          };
        }
        await tx.query(INSERT_AUDIT, [
          tenant,
          c.eventId,
          audit.action,
          audit.projectId,
          audit.subject,
          keyId,
          c.reason,
          occurredAt,
          JSON.stringify(details),
        ]);
      }
      const skipped = await applyEnforcementChanges(tx, batch.enforcement ?? []);
      if (offsets.length > 0) {
        await tx.query(UPSERT_OFFSETS, [
          offsets.map((o) => o.group),
          offsets.map((o) => o.topic),
          offsets.map((o) => o.partition),
          offsets.map((o) => o.nextOffset),
        ]);
      }
      return skipped;
    });
  }
}

function checkRange(field: string, r: Range): Range {
  for (const k of ['low', 'nominal', 'high'] as const) {
    if (!Number.isFinite(r?.[k]) || r[k] < 0)
      throw new PersistenceInputError(`${field}.${k}`, 'must be a finite number ≥ 0');
  }
  return r;
}

function checkHolding(h: HoldingUpsert, i: number): HoldingUpsert {
  const at = (field: string) => `holdings[${i}].${field}`;
  if (!Number.isFinite(h.bytes) || h.bytes < 0)
    throw new PersistenceInputError(at('bytes'), 'must be a finite number ≥ 0');
  checkRange(at('co2eGPerDay'), h.co2eGPerDay);
  return {
    ...h,
    tenant: requireIdentifier(at('tenant'), h.tenant),
    projectId: requireIdentifier(at('projectId'), h.projectId),
    artifactId: requireIdentifier(at('artifactId'), h.artifactId),
    storageSystem: requireIdentifier(at('storageSystem'), h.storageSystem),
    lastObservedAt: new Date(requireInstant(at('lastObservedAt'), h.lastObservedAt)).toISOString(),
    eventId: requireUuid(at('eventId'), h.eventId),
  };
}

function checkChange(c: RetentionChangeInput, i: number): RetentionChangeInput {
  const at = (field: string) => `changes[${i}].${field}`;
  return {
    ...c,
    tenant: requireIdentifier(at('tenant'), c.tenant),
    eventId: requireUuid(at('eventId'), c.eventId),
    occurredAt: new Date(requireInstant(at('occurredAt'), c.occurredAt)).toISOString(),
    keyId: requireText(at('keyId'), c.keyId),
  };
}

/** One row per holding key, the latest observation winning (one upsert cannot touch a row twice). */
function latestHoldings(rows: HoldingUpsert[]): HoldingUpsert[] {
  const byKey = new Map<string, HoldingUpsert>();
  for (const row of rows) {
    const key = JSON.stringify([row.tenant, row.projectId, row.artifactId, row.storageSystem]);
    const prev = byKey.get(key);
    if (!prev || row.lastObservedAt >= prev.lastObservedAt) byKey.set(key, row);
  }
  return [...byKey.values()];
}

function holdingParams(rows: HoldingUpsert[]): unknown[] {
  return [
    rows.map((r) => r.tenant),
    rows.map((r) => r.projectId),
    rows.map((r) => r.artifactId),
    rows.map((r) => r.storageSystem),
    rows.map((r) => r.uri),
    rows.map((r) => r.media),
    rows.map((r) => r.bytes),
    rows.map((r) => r.replication),
    rows.map((r) => r.country),
    rows.map((r) => r.lastObservedAt),
    rows.map((r) => r.co2eGPerDay.low),
    rows.map((r) => r.co2eGPerDay.nominal),
    rows.map((r) => r.co2eGPerDay.high),
    rows.map((r) => JSON.stringify(r.co2eGPerDayByMedia)),
    rows.map((r) => r.eventId),
  ];
}
