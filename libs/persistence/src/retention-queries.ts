import type {
  Range,
  RetentionAction,
  RetentionPolicy,
  RetentionSelector,
  StorageMediaTier,
} from '@greenops/domain';
import type { DatabaseHandle } from './database-handle';
import { requireIdentifier, requireIntInRange, requireUuid } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import {
  boundedColumn,
  boundOptionalText,
  boundText,
  MAX_RETURNED_ID_CHARS,
  MAX_RETURNED_TEXT_CHARS,
} from './returned-text';

/** An artifact's current holding on one storage system. */
export interface HoldingRow {
  projectId: string;
  artifactId: string;
  storageSystem: string;
  uri: string | null;
  media: StorageMediaTier;
  bytes: number;
  replication: number | null;
  country: string | null;
  lastObservedAt: string;
  co2eGPerDay: Range;
  co2eGPerDayByMedia: Record<StorageMediaTier, Range>;
}

/** A project's holdings summed per storage system and media. */
export interface HoldingTotalRow {
  storageSystem: string;
  media: StorageMediaTier;
  artifacts: number;
  bytes: number;
  co2eGPerDay: Range;
}

export interface RetentionPolicyRow extends RetentionPolicy {
  definedAt: string;
  definedBy: string;
  retiredAt: string | null;
  retiredBy: string | null;
}

/** What a preview reads: the lineage, holdings and active legal holds of the selected projects. */
export interface RetentionPreviewData {
  artifacts: Array<{
    projectId: string;
    artifactId: string;
    parentId: string | null;
    kind: string | null;
    status: string | null;
    statusChangedAtMs: number | null;
  }>;
  holdings: Array<HoldingRow & { lastObservedAtMs: number }>;
  legalHolds: Array<{ projectId: string; artifactId: string }>;
}

export interface LegalHoldRow {
  projectId: string;
  artifactId: string;
  reason: string;
  setAt: string;
  setBy: string;
}

export interface RetentionAuditRow {
  seq: string;
  eventId: string;
  action: string;
  projectId: string | null;
  subject: string | null;
  keyId: string;
  reason: string | null;
  occurredAt: string;
  recordedAt: string;
}

/** Storage systems one artifact may hold bytes on, as returned. */
export const MAX_HOLDINGS_PER_ARTIFACT = 100;
/** Groups of a project's holdings totals (systems × media). */
export const MAX_HOLDING_TOTALS = 1000;
export const MAX_POLICIES = 1000;
/** Holdings and artifacts one preview may read; a wider policy is refused (narrow its projects). */
export const MAX_PREVIEW_ROWS = 50_000;
export const MAX_AUDIT_PAGE = 1000;

const id = (column: string) => boundedColumn(column, MAX_RETURNED_ID_CHARS);

const HOLDING_COLUMNS = `
  h.project_id as "projectId", h.artifact_id as "artifactId", h.storage_system as "storageSystem",
  ${boundedColumn('h.uri', MAX_RETURNED_TEXT_CHARS)} as uri, h.media, h.bytes, h.replication, h.country,
  h.last_observed_at as "lastObservedAt", h.co2e_g_per_day_low as low, h.co2e_g_per_day as nominal,
  h.co2e_g_per_day_high as high, h.co2e_g_per_day_by_media as "byMedia"`;

const ARTIFACT_HOLDINGS = `
  select ${HOLDING_COLUMNS} from retention_holdings h
   where h.tenant_id = $1 and h.project_id = $2 and h.artifact_id = $3
   order by h.storage_system limit ${MAX_HOLDINGS_PER_ARTIFACT}`;

const PROJECT_HOLDING_TOTALS = `
  select ${id('h.storage_system')} as "storageSystem", h.media, count(*)::int as artifacts,
         sum(h.bytes)::float8 as bytes, sum(h.co2e_g_per_day_low)::float8 as low,
         sum(h.co2e_g_per_day)::float8 as nominal, sum(h.co2e_g_per_day_high)::float8 as high
    from retention_holdings h
   where h.tenant_id = $1 and h.project_id = $2
   group by h.storage_system, h.media
   order by h.storage_system, h.media limit ${MAX_HOLDING_TOTALS}`;

const POLICY_COLUMNS = `
  policy_id::text as "policyId", ${boundedColumn('name', MAX_RETURNED_TEXT_CHARS)} as name, selector,
  action, grace_days as "graceDays", defined_at as "definedAt", defined_by as "definedBy",
  retired_at as "retiredAt", retired_by as "retiredBy"`;

const POLICIES = `
  select ${POLICY_COLUMNS} from retention_policies
   where tenant_id = $1 and ($2::boolean or retired_at is null)
   order by defined_at, policy_id limit ${MAX_POLICIES}`;

const POLICY = `select ${POLICY_COLUMNS} from retention_policies where tenant_id = $1 and policy_id = $2`;

// The projects a preview looks at: the selector's, else every project holding something.
const PREVIEW_PROJECTS = `
  select distinct project_id from retention_holdings
   where tenant_id = $1 and ($2::text[] is null or project_id = any($2::text[]))
   limit ${MAX_PREVIEW_ROWS + 1}`;

const PREVIEW_HOLDINGS = `
  select ${HOLDING_COLUMNS} from retention_holdings h
   where h.tenant_id = $1 and h.project_id = any($2::text[])
   limit ${MAX_PREVIEW_ROWS + 1}`;

const PREVIEW_ARTIFACTS = `
  select project_id as "projectId", artifact_id as "artifactId", parent_id as "parentId", kind,
         status, updated_at as "statusChangedAt"
    from artifacts where tenant_id = $1 and project_id = any($2::text[])
   limit ${MAX_PREVIEW_ROWS + 1}`;

const ACTIVE_HOLDS = `
  select project_id as "projectId", ${id('artifact_id')} as "artifactId",
         ${boundedColumn('reason', MAX_RETURNED_TEXT_CHARS)} as reason, set_at as "setAt", set_by as "setBy"
    from legal_holds
   where tenant_id = $1 and ($2::text[] is null or project_id = any($2::text[])) and released_at is null
   order by project_id, artifact_id limit ${MAX_PREVIEW_ROWS + 1}`;

const AUDIT_PAGE = `
  select seq::text as seq, event_id::text as "eventId", action, ${id('project_id')} as "projectId",
         ${id('subject')} as subject, key_id as "keyId",
         ${boundedColumn('reason', MAX_RETURNED_TEXT_CHARS)} as reason,
         occurred_at as "occurredAt", recorded_at as "recordedAt"
    from retention_audit
   where tenant_id = $1 and ($2::bigint is null or seq > $2::bigint)
   -- the table's bigint column: a bare \`seq\` here would be the text alias above ('10' < '2')
   order by retention_audit.seq limit $3`;

type RawHolding = Omit<HoldingRow, 'co2eGPerDay' | 'co2eGPerDayByMedia' | 'lastObservedAt'> & {
  lastObservedAt: Date;
  low: number;
  nominal: number;
  high: number;
  byMedia: Record<StorageMediaTier, Range>;
};

function holding(r: RawHolding): HoldingRow & { lastObservedAtMs: number } {
  return {
    projectId: r.projectId,
    artifactId: r.artifactId,
    storageSystem: r.storageSystem,
    uri: boundOptionalText(r.uri, MAX_RETURNED_TEXT_CHARS),
    media: r.media,
    bytes: Number(r.bytes),
    replication: r.replication,
    country: r.country,
    lastObservedAt: new Date(r.lastObservedAt).toISOString(),
    lastObservedAtMs: new Date(r.lastObservedAt).getTime(),
    co2eGPerDay: { low: Number(r.low), nominal: Number(r.nominal), high: Number(r.high) },
    co2eGPerDayByMedia: r.byMedia,
  };
}

type RawPolicy = Omit<RetentionPolicyRow, 'definedAt' | 'retiredAt'> & {
  definedAt: Date;
  retiredAt: Date | null;
  selector: RetentionSelector;
  action: RetentionAction;
};

function policy(r: RawPolicy): RetentionPolicyRow {
  return {
    ...r,
    name: boundText(r.name, MAX_RETURNED_TEXT_CHARS),
    definedAt: new Date(r.definedAt).toISOString(),
    retiredAt: r.retiredAt ? new Date(r.retiredAt).toISOString() : null,
  };
}

const tooWide = () =>
  new PersistenceInputError(
    'INVALID_INPUT',
    `the policy selects more than ${MAX_PREVIEW_ROWS} holdings or artifacts: name its projects`,
  );

/** The retention read side (docs/retention.md). Every statement is scoped by tenant. */
export class RetentionQueries {
  constructor(private readonly db: DatabaseHandle) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }

  async artifactHoldings(
    tenant: string,
    projectId: string,
    artifactId: string,
  ): Promise<HoldingRow[]> {
    const rows = await this.read<RawHolding>(ARTIFACT_HOLDINGS, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
      requireIdentifier('artifactId', artifactId),
    ]);
    return rows.map((r) => {
      const { lastObservedAtMs: _ms, ...row } = holding(r);
      return row;
    });
  }

  async projectHoldingTotals(tenant: string, projectId: string): Promise<HoldingTotalRow[]> {
    const rows = await this.read<Omit<HoldingTotalRow, 'co2eGPerDay'> & Range>(
      PROJECT_HOLDING_TOTALS,
      [requireIdentifier('tenant', tenant), requireIdentifier('projectId', projectId)],
    );
    return rows.map((r) => ({
      storageSystem: boundText(r.storageSystem, MAX_RETURNED_ID_CHARS),
      media: r.media,
      artifacts: r.artifacts,
      bytes: Number(r.bytes),
      co2eGPerDay: { low: Number(r.low), nominal: Number(r.nominal), high: Number(r.high) },
    }));
  }

  async policies(tenant: string, includeRetired: boolean): Promise<RetentionPolicyRow[]> {
    const rows = await this.read<RawPolicy>(POLICIES, [
      requireIdentifier('tenant', tenant),
      includeRetired === true,
    ]);
    return rows.map(policy);
  }

  async policy(tenant: string, policyId: string): Promise<RetentionPolicyRow | null> {
    const rows = await this.read<RawPolicy>(POLICY, [
      requireIdentifier('tenant', tenant),
      requireUuid('policyId', policyId),
    ]);
    return rows[0] ? policy(rows[0]) : null;
  }

  async legalHolds(tenant: string, projectId?: string): Promise<LegalHoldRow[]> {
    const rows = await this.read<LegalHoldRow & { setAt: Date }>(ACTIVE_HOLDS, [
      requireIdentifier('tenant', tenant),
      projectId === undefined ? null : [requireIdentifier('projectId', projectId)],
    ]);
    return rows
      .slice(0, MAX_POLICIES)
      .map((r) => ({ ...r, setAt: new Date(r.setAt).toISOString() }));
  }

  /** Everything a preview of a policy with these projects needs, bounded by MAX_PREVIEW_ROWS. */
  async previewData(
    tenant: string,
    projectIds: string[] | undefined,
  ): Promise<RetentionPreviewData> {
    const t = requireIdentifier('tenant', tenant);
    const wanted = projectIds?.map((p, i) => requireIdentifier(`projectIds[${i}]`, p)) ?? null;
    const projects = (await this.read<{ project_id: string }>(PREVIEW_PROJECTS, [t, wanted])).map(
      (r) => r.project_id,
    );
    if (projects.length > MAX_PREVIEW_ROWS) throw tooWide();
    if (projects.length === 0) return { artifacts: [], holdings: [], legalHolds: [] };
    const holdings = await this.read<RawHolding>(PREVIEW_HOLDINGS, [t, projects]);
    const artifacts = await this.read<
      RetentionPreviewData['artifacts'][number] & { statusChangedAt: Date | null }
    >(PREVIEW_ARTIFACTS, [t, projects]);
    const holds = await this.read<LegalHoldRow>(ACTIVE_HOLDS, [t, projects]);
    if ([holdings, artifacts, holds].some((rows) => rows.length > MAX_PREVIEW_ROWS))
      throw tooWide();
    return {
      holdings: holdings.map(holding),
      artifacts: artifacts.map(({ statusChangedAt, ...a }) => ({
        ...a,
        statusChangedAtMs: statusChangedAt ? new Date(statusChangedAt).getTime() : null,
      })),
      legalHolds: holds.map((h) => ({ projectId: h.projectId, artifactId: h.artifactId })),
    };
  }

  /** Audit records oldest first, after the record `after` (its `seq`). */
  async audit(tenant: string, first: number, after?: string): Promise<RetentionAuditRow[]> {
    if (after !== undefined && after !== null && !/^(0|[1-9][0-9]{0,18})$/.test(after)) {
      throw new PersistenceInputError(
        'INVALID_INPUT',
        'after: must be a cursor from retentionAudit',
      );
    }
    const rows = await this.read<RetentionAuditRow & { occurredAt: Date; recordedAt: Date }>(
      AUDIT_PAGE,
      [
        requireIdentifier('tenant', tenant),
        after ?? null,
        requireIntInRange('first', first, 0, MAX_AUDIT_PAGE),
      ],
    );
    return rows.map((r) => ({
      ...r,
      reason: boundOptionalText(r.reason, MAX_RETURNED_TEXT_CHARS),
      occurredAt: new Date(r.occurredAt).toISOString(),
      recordedAt: new Date(r.recordedAt).toISOString(),
    }));
  }
}
