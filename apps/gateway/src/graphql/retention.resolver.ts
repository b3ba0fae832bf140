import { randomUUID } from 'node:crypto';
import { Inject, Optional, UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  STORAGE_MEDIA_TIERS,
  type Range,
  type RetentionPolicy as RetentionPolicyValue,
  type RetentionSelector as SelectorValue,
  type StorageMediaTier,
} from '@greenops/domain';
import type { EventLogPublisher } from '@greenops/messaging';
import { retentionPreview } from '@greenops/methodology';
import type { HoldingRow, RetentionPolicyRow } from '@greenops/persistence';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { ActingKeyId, Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import {
  GATEWAY_PUBLISHER,
  GATEWAY_RETENTION,
  type RetentionReader,
} from '../gateway-queries.port';
import { checkId, checkText } from './argument-checks';
import { Artifact } from './artifact.type';
import { Project } from './project.type';
import {
  legalHoldReleased,
  legalHoldSet,
  policyDefined,
  policyRetired,
  retentionRecord,
} from './retention-events';
import {
  DefineRetentionPolicyInput,
  HoldingTotal,
  LegalHold,
  RetentionActionAccepted,
  RetentionActionKind,
  RetentionAuditPage,
  RetentionAuditRecord,
  RetentionPolicy,
  RetentionPreview,
  StorageHolding,
  UncertainAmount,
  type RetentionSelectorInput,
} from './retention.types';
import { oneRoundTrip, pagedRoundTrip, SQL_ROUND_TRIP_COST } from './round-trip-cost';

const MAX_NAME_CHARS = 200;
const MAX_REASON_CHARS = 2000;
const MAX_SELECTOR_VALUES = 100;
const DEFAULT_CANDIDATES = 100;
const MAX_CANDIDATES = 1000;
const DEFAULT_AUDIT_PAGE = 100;
const MAX_AUDIT_PAGE = 1000;
/** A preview reads four statements (projects, holdings, artifacts, holds) and the policy. */
const PREVIEW_ROUND_TRIPS = 5;

function amount(r: Range): UncertainAmount {
  return Object.assign(new UncertainAmount(), r);
}

function toHolding(h: HoldingRow): StorageHolding {
  return Object.assign(new StorageHolding(), {
    projectId: h.projectId,
    artifactId: h.artifactId,
    storageSystem: h.storageSystem,
    uri: h.uri,
    media: h.media,
    bytes: h.bytes,
    replication: h.replication,
    country: h.country,
    lastObservedAt: h.lastObservedAt,
    co2eGPerDay: amount(h.co2eGPerDay),
  });
}

function toPolicy(p: RetentionPolicyRow): RetentionPolicy {
  return Object.assign(new RetentionPolicy(), {
    id: p.policyId,
    name: p.name,
    selector: p.selector,
    action: p.action.type as RetentionActionKind,
    toMedia: p.action.type === 'MOVE' ? p.action.toMedia : null,
    graceDays: p.graceDays,
    definedAt: p.definedAt,
    definedBy: p.definedBy,
    retiredAt: p.retiredAt,
    retiredBy: p.retiredBy,
  });
}

function list(field: string, values: string[] | null | undefined): string[] | undefined {
  if (values === undefined || values === null) return undefined;
  if (values.length === 0 || values.length > MAX_SELECTOR_VALUES) {
    throw GatewayError.invalidArgument(field, `must hold 1–${MAX_SELECTOR_VALUES} values`);
  }
  return values.map((v, i) => checkId(`${field}[${i}]`, v));
}

function media(field: string, value: string): StorageMediaTier {
  const lower = value.toLowerCase();
  if (!(STORAGE_MEDIA_TIERS as readonly string[]).includes(lower)) {
    throw GatewayError.invalidArgument(field, `must be one of ${STORAGE_MEDIA_TIERS.join(', ')}`);
  }
  return lower as StorageMediaTier;
}

function selector(input: RetentionSelectorInput): SelectorValue {
  const s: SelectorValue = {};
  const projectIds = list('input.selector.projectIds', input.projectIds);
  if (projectIds) s.projectIds = projectIds;
  const kinds = list('input.selector.artifactKinds', input.artifactKinds);
  if (kinds) s.artifactKinds = kinds.map((k) => k.toLowerCase());
  const statuses = list('input.selector.statuses', input.statuses);
  if (statuses) s.statuses = statuses.map((k) => k.toLowerCase());
  const systems = list('input.selector.storageSystems', input.storageSystems);
  if (systems) s.storageSystems = systems;
  const mediaList = list('input.selector.media', input.media);
  if (mediaList) s.media = mediaList.map((m, i) => media(`input.selector.media[${i}]`, m));
  if (input.minAgeDays !== undefined && input.minAgeDays !== null) {
    if (!(input.minAgeDays >= 0 && input.minAgeDays <= 36500))
      throw GatewayError.invalidArgument('input.selector.minAgeDays', 'must be 0–36500');
    s.minAgeDays = input.minAgeDays;
  }
  if (input.ageBasis) s.ageBasis = input.ageBasis;
  if (input.minBytes !== undefined && input.minBytes !== null) {
    if (!(input.minBytes >= 0 && input.minBytes <= 1e18))
      throw GatewayError.invalidArgument('input.selector.minBytes', 'must be 0–10¹⁸');
    s.minBytes = input.minBytes;
  }
  return s;
}

function reasonOf(field: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = checkText(field, value.trim(), MAX_REASON_CHARS);
  if (text.length === 0) throw GatewayError.invalidArgument(field, 'must not be blank');
  return text;
}

/**
 * Retention for policy engines (docs/retention.md): policies and legal holds are events on the
 * log (role admin), read back once the retention projector has them; previews are dry runs over
 * the current holdings (roles read, policy-engine or admin); every action leaves an audit record.
 */
@Resolver()
@UseGuards(ApiKeyGuard)
export class RetentionResolver {
  constructor(
    @Optional() @Inject(GATEWAY_RETENTION) private readonly retention?: RetentionReader,
    @Optional() @Inject(GATEWAY_PUBLISHER) private readonly publisher?: EventLogPublisher,
  ) {}

  private reader(): RetentionReader {
    if (!this.retention) throw new GatewayError('INTERNAL', 'retention is not configured');
    return this.retention;
  }

  private async publish(record: Parameters<EventLogPublisher['publish']>[0][number]) {
    if (!this.publisher) {
      throw new GatewayError(
        'EVENT_LOG_UNAVAILABLE',
        'Retention actions need the event log (set GREENOPS_KAFKA_BROKERS)',
      );
    }
    await this.publisher.publish([record]);
  }

  @Mutation(() => RetentionActionAccepted, {
    description: 'Defines a retention policy (role: admin). Audited.',
  })
  @RequireRole('admin')
  async defineRetentionPolicy(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('input', { type: () => DefineRetentionPolicyInput }) input: DefineRetentionPolicyInput,
  ): Promise<RetentionActionAccepted> {
    const name = checkText('input.name', input.name.trim(), MAX_NAME_CHARS);
    if (name.length === 0)
      throw GatewayError.invalidArgument('input.name', `must be 1–${MAX_NAME_CHARS} characters`);
    if (!Number.isInteger(input.graceDays) || input.graceDays < 0 || input.graceDays > 3650)
      throw GatewayError.invalidArgument('input.graceDays', 'must be an integer 0–3650');
    let action: RetentionPolicyValue['action'];
    if (input.action === RetentionActionKind.MOVE) {
      if (!input.toMedia)
        throw GatewayError.invalidArgument('input.toMedia', 'required for a MOVE policy');
      action = { type: 'MOVE', toMedia: media('input.toMedia', input.toMedia) };
    } else {
      if (input.toMedia)
        throw GatewayError.invalidArgument('input.toMedia', 'only a MOVE policy has a target');
      action = { type: 'DELETE' };
    }
    const policy: RetentionPolicyValue = {
      policyId: randomUUID(),
      name,
      selector: selector(input.selector),
      action,
      graceDays: input.graceDays,
    };
    const reason = reasonOf('input.reason', input.reason);
    const event = policyDefined(
      tenant,
      policy,
      { keyId, ...(reason ? { reason } : {}) },
      new Date(),
    );
    await this.publish(retentionRecord(event));
    return Object.assign(new RetentionActionAccepted(), {
      eventId: event.id,
      policyId: policy.policyId,
    });
  }

  @Mutation(() => RetentionActionAccepted, {
    description: 'Retires a retention policy: it selects nothing from then on (role: admin).',
  })
  @RequireRole('admin')
  async retireRetentionPolicy(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('policyId', { type: () => ID }) policyId: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<RetentionActionAccepted> {
    const policy = await this.reader().policy(tenant, checkPolicyId(policyId));
    if (!policy) throw GatewayError.invalidArgument('policyId', 'no such policy');
    const why = reasonOf('reason', reason);
    const event = policyRetired(
      tenant,
      policy.policyId,
      { keyId, ...(why ? { reason: why } : {}) },
      new Date(),
    );
    await this.publish(retentionRecord(event));
    return Object.assign(new RetentionActionAccepted(), { eventId: event.id, policyId: null });
  }

  @Mutation(() => RetentionActionAccepted, {
    description:
      'Puts an artifact, and everything feeding it, under a legal hold: never a retention candidate (role: admin).',
  })
  @RequireRole('admin')
  async setLegalHold(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('artifactId', { type: () => ID }) artifactId: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<RetentionActionAccepted> {
    const why = reasonOf('reason', reason);
    if (!why) throw GatewayError.invalidArgument('reason', 'required');
    const event = legalHoldSet(
      tenant,
      checkId('projectId', projectId),
      checkId('artifactId', artifactId),
      { keyId, reason: why },
      new Date(),
    );
    await this.publish(retentionRecord(event));
    return Object.assign(new RetentionActionAccepted(), { eventId: event.id, policyId: null });
  }

  @Mutation(() => RetentionActionAccepted, {
    description: 'Releases a legal hold (role: admin).',
  })
  @RequireRole('admin')
  async releaseLegalHold(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('artifactId', { type: () => ID }) artifactId: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<RetentionActionAccepted> {
    const why = reasonOf('reason', reason);
    const event = legalHoldReleased(
      tenant,
      checkId('projectId', projectId),
      checkId('artifactId', artifactId),
      { keyId, ...(why ? { reason: why } : {}) },
      new Date(),
    );
    await this.publish(retentionRecord(event));
    return Object.assign(new RetentionActionAccepted(), { eventId: event.id, policyId: null });
  }

  @Query(() => [RetentionPolicy], {
    description: "The tenant's retention policies, oldest first (roles: read, policy-engine).",
    complexity: oneRoundTrip,
  })
  @RequireRole('read', 'policy-engine')
  async retentionPolicies(
    @Tenant() tenant: string,
    @Args('includeRetired', { type: () => Boolean, defaultValue: false }) includeRetired: boolean,
  ): Promise<RetentionPolicy[]> {
    return (await this.reader().policies(tenant, includeRetired)).map(toPolicy);
  }

  @Query(() => [LegalHold], {
    description: 'Legal holds in force, of one project or all (roles: read, policy-engine).',
    complexity: oneRoundTrip,
  })
  @RequireRole('read', 'policy-engine')
  async legalHolds(
    @Tenant() tenant: string,
    @Args('projectId', { type: () => ID, nullable: true }) projectId?: string | null,
  ): Promise<LegalHold[]> {
    const rows = await this.reader().legalHolds(
      tenant,
      projectId === undefined || projectId === null ? undefined : checkId('projectId', projectId),
    );
    return rows.map((r) => Object.assign(new LegalHold(), r));
  }

  @Query(() => RetentionPreview, {
    nullable: true,
    description:
      'Dry run of a policy: its candidates and the emissions it would avoid (roles: read, policy-engine). Null for an unknown or retired policy.',
    complexity: ({ args, childComplexity }) =>
      PREVIEW_ROUND_TRIPS * SQL_ROUND_TRIP_COST +
      Math.min(Number(args.first ?? DEFAULT_CANDIDATES) || MAX_CANDIDATES, MAX_CANDIDATES) +
      childComplexity,
  })
  @RequireRole('read', 'policy-engine')
  async retentionPreview(
    @Tenant() tenant: string,
    @Args('policyId', { type: () => ID }) policyId: string,
    @Args('first', { type: () => Int, nullable: true, description: 'Candidates listed (≤ 1000).' })
    first?: number | null,
  ): Promise<RetentionPreview | null> {
    const size = first ?? DEFAULT_CANDIDATES;
    if (!Number.isInteger(size) || size < 0 || size > MAX_CANDIDATES)
      throw GatewayError.invalidArgument('first', `must be an integer 0–${MAX_CANDIDATES}`);
    const reader = this.reader();
    const policy = await reader.policy(tenant, checkPolicyId(policyId));
    if (!policy || policy.retiredAt !== null) return null;
    const data = await reader.previewData(tenant, policy.selector.projectIds);
    const result = retentionPreview({ policy, ...data, nowMs: Date.now() });
    return Object.assign(new RetentionPreview(), {
      policyId: policy.policyId,
      candidateCount: result.candidates.length,
      candidates: result.candidates.slice(0, size).map((c) => ({
        projectId: c.projectId,
        artifactId: c.artifactId,
        holdings: c.holdings.map((h) =>
          toHolding({ ...h, lastObservedAt: new Date(h.lastObservedAtMs).toISOString() }),
        ),
        bytes: c.bytes,
        co2eGPerDay: amount(c.co2eGPerDay),
        avoidedKgCo2ePerYear: amount(c.avoidedKgCo2ePerYear),
      })),
      bytes: result.bytes,
      co2eGPerDay: amount(result.co2eGPerDay),
      avoidedKgCo2ePerYear: amount(result.avoidedKgCo2ePerYear),
      excludedProtectedByStatus: result.excluded.protectedByStatus,
      excludedLegalHold: result.excluded.legalHold,
    });
  }

  @Query(() => RetentionAuditPage, {
    description: 'Retention actions, oldest first; append-only (role: read).',
    complexity: pagedRoundTrip(DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE),
  })
  async retentionAudit(
    @Tenant() tenant: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => ID, nullable: true }) after?: string | null,
  ): Promise<RetentionAuditPage> {
    const size = first ?? DEFAULT_AUDIT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIT_PAGE)
      throw GatewayError.invalidArgument('first', `must be an integer 1–${MAX_AUDIT_PAGE}`);
    if (after !== undefined && after !== null && !/^(0|[1-9][0-9]{0,18})$/.test(after))
      throw GatewayError.invalidArgument('after', 'must be a cursor from retentionAudit');
    const rows = await this.reader().audit(tenant, size + 1, after ?? undefined);
    const records = rows
      .slice(0, size)
      .map(({ seq, ...r }) => Object.assign(new RetentionAuditRecord(), { ...r, cursor: seq }));
    return Object.assign(new RetentionAuditPage(), {
      records,
      hasNextPage: rows.length > size,
      endCursor: records.length ? records[records.length - 1].cursor : null,
    });
  }
}

function checkPolicyId(policyId: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(policyId))
    throw GatewayError.invalidArgument('policyId', 'must be a policy id (a UUID)');
  return policyId;
}

@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class ProjectHoldingsResolver {
  constructor(
    @Optional() @Inject(GATEWAY_RETENTION) private readonly retention?: RetentionReader,
  ) {}

  @ResolveField(() => [HoldingTotal], {
    description: 'What the project holds, per storage system and media (docs/retention.md).',
    complexity: oneRoundTrip,
  })
  async holdings(@Tenant() tenant: string, @Parent() project: Project): Promise<HoldingTotal[]> {
    if (!this.retention) return [];
    const rows = await this.retention.projectHoldingTotals(tenant, project.id);
    return rows.map((r) =>
      Object.assign(new HoldingTotal(), { ...r, co2eGPerDay: amount(r.co2eGPerDay) }),
    );
  }
}

@Resolver(() => Artifact)
@UseGuards(ApiKeyGuard)
export class ArtifactHoldingsResolver {
  constructor(
    @Optional() @Inject(GATEWAY_RETENTION) private readonly retention?: RetentionReader,
  ) {}

  @ResolveField(() => [StorageHolding], {
    description: "The artifact's current holdings, one per storage system.",
    complexity: oneRoundTrip,
  })
  async holdings(
    @Tenant() tenant: string,
    @Parent() artifact: Artifact,
  ): Promise<StorageHolding[]> {
    if (!this.retention) return [];
    const rows = await this.retention.artifactHoldings(tenant, artifact.projectId, artifact.id);
    return rows.map(toHolding);
  }
}
