import { Inject, Optional, UseGuards } from '@nestjs/common';
import {
  Args,
  Float,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { Range } from '@greenops/domain';
import type { EventLogPublisher } from '@greenops/messaging';
import {
  bookedAvoided,
  deletionDeadlineMs,
  namedDeletionTargets,
  policyDeletionTargets,
  type DeletionTargets,
  type RequestedHoldings,
} from '@greenops/methodology';
import { holdingKey, type DeletionRequestRow, type KnownRequests } from '@greenops/persistence';
import { MAX_REQUESTS_PER_DECISION } from '@greenops/contracts';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { ActingKeyId, Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import {
  GATEWAY_ENFORCEMENT,
  GATEWAY_PUBLISHER,
  GATEWAY_RETENTION,
  type RetentionEnforcementPort,
  type RetentionReader,
} from '../gateway-queries.port';
import { checkId, checkText } from './argument-checks';
import { Project } from './project.type';
import {
  deletionConfirmed,
  deletionFailed,
  deletionsDecided,
  enforcementRecord,
  moveConfirmed,
  moveFailed,
} from './retention-enforcement-events';
import {
  AvoidedEmissions,
  DeletionRequest,
  DeletionRequestStatus,
  RequestDeletionInput,
  RetentionBreach,
  RetentionEnforcement,
} from './retention-enforcement.types';
import {
  RetentionActionAccepted,
  RetentionActionKind,
  RetentionPolicy,
  UncertainAmount,
} from './retention.types';
import { oneRoundTrip, pagedRoundTrip, SQL_ROUND_TRIP_COST } from './round-trip-cost';

const MAX_KEY_CHARS = 200;
const MAX_REASON_CHARS = 2000;
const MAX_POLICY_REF_CHARS = 500;
const MAX_NAMED_ARTIFACTS = 1000;
/** Grace days of a policy engine's own decision that names none (docs/retention.md). */
export const DEFAULT_DECISION_GRACE_DAYS = 7;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
/**
 * An enforcement reads the policy, four preview statements, the decision, known requests and
 * the decision again.
 */
const ENFORCE_ROUND_TRIPS = 8;

const amount = (r: Range) => Object.assign(new UncertainAmount(), r);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(field: string, value: string): string {
  if (!UUID.test(value)) throw GatewayError.invalidArgument(field, 'must be a UUID');
  return value;
}

function text(field: string, value: string | null | undefined, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  const t = checkText(field, value.trim(), max);
  if (t.length === 0) throw GatewayError.invalidArgument(field, 'must not be blank');
  return t;
}

function idempotencyKey(value: string): string {
  const key = text('idempotencyKey', value, MAX_KEY_CHARS);
  if (!key) throw GatewayError.invalidArgument('idempotencyKey', 'required');
  return key;
}

function requested(known: KnownRequests): RequestedHoldings {
  return {
    isLive: (p, a, s) => known.live.has(holdingKey(p, a, s)),
    failedCount: (p, a, s) => known.failed.get(holdingKey(p, a, s)) ?? 0,
    settledMoveCount: (p, a, s) => known.settledMoves.get(holdingKey(p, a, s)) ?? 0,
  };
}

function toRequest(r: DeletionRequestRow): DeletionRequest {
  return Object.assign(new DeletionRequest(), {
    ...r,
    co2eGPerDay: amount(r.co2eGPerDay),
    status: r.status as DeletionRequestStatus,
    action: r.action as RetentionActionKind,
  });
}

/**
 * Retention enforcement (docs/retention.md, "Enforcement"): an enforcement of a policy (DELETE
 * or MOVE) or
 * a policy engine's own decision becomes ONE RetentionDeletionsDecided event on the log (id
 * from the idempotency key), whose requests — one per holding, ids stable per holding — the
 * retention projector records and sends to the holders. Answers come back as mutations here or
 * as events on the confirmations topic. Roles: policy-engine or admin act; read sees.
 */
@Resolver()
@UseGuards(ApiKeyGuard)
export class RetentionEnforcementResolver {
  constructor(
    @Optional() @Inject(GATEWAY_RETENTION) private readonly retention?: RetentionReader,
    @Optional()
    @Inject(GATEWAY_ENFORCEMENT)
    private readonly enforcement?: RetentionEnforcementPort,
    @Optional() @Inject(GATEWAY_PUBLISHER) private readonly publisher?: EventLogPublisher,
  ) {}

  private ports(): { retention: RetentionReader; enforcement: RetentionEnforcementPort } {
    if (!this.retention || !this.enforcement)
      throw new GatewayError('INTERNAL', 'retention enforcement is not configured');
    return { retention: this.retention, enforcement: this.enforcement };
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

  /** A retried key answers the recorded decision's request ids and emits nothing. */
  private async replay(tenant: string, key: string): Promise<RetentionEnforcement | null> {
    const earlier = await this.ports().enforcement.requests.decision(tenant, key);
    if (!earlier) return null;
    return Object.assign(new RetentionEnforcement(), {
      eventId: earlier.eventId,
      replayed: true,
      requestIds: earlier.requestIds,
      alreadyRequested: 0,
      excludedLegalHold: 0,
      excludedProtectedByStatus: 0,
      notHeld: [],
      remaining: 0,
    });
  }

  private async decide(
    tenant: string,
    keyId: string,
    key: string,
    origin: { policyId: string } | { policyRef: string },
    selected: DeletionTargets,
    graceDays: number,
    reason: string | undefined,
  ): Promise<RetentionEnforcement> {
    // A retry can race the projection of its own first attempt: the decision not recorded when
    // the key was first looked up, its requests recorded by the time the known requests were
    // read — which would select nothing and answer no request ids. Looked up again after that
    // read, the decision is either recorded (answered from it) or was not when the known
    // requests were read (so they did not hold its requests and the selection is whole).
    const recorded = await this.replay(tenant, key);
    if (recorded) return recorded;
    const now = new Date();
    const deadline = new Date(
      deletionDeadlineMs(now.getTime(), graceDays, this.ports().enforcement.answerWindowMs),
    );
    const targets = selected.targets.slice(0, MAX_REQUESTS_PER_DECISION);
    const event = deletionsDecided(
      tenant,
      key,
      origin,
      targets,
      deadline,
      { keyId, ...(reason ? { reason } : {}) },
      now,
    );
    await this.publish(enforcementRecord(event));
    return Object.assign(new RetentionEnforcement(), {
      eventId: event.id,
      replayed: false,
      requestIds: event.payload.requests.map((r) => r.requestId),
      alreadyRequested: selected.alreadyRequested,
      excludedLegalHold: selected.excludedLegalHold,
      excludedProtectedByStatus: selected.excludedProtectedByStatus,
      notHeld: selected.notHeld,
      remaining: selected.targets.length - targets.length,
    });
  }

  @Mutation(() => RetentionEnforcement, {
    description:
      'Requests the deletion (DELETE policy) or the move to its target tier (MOVE policy) of every holding the policy selects now, one request per (artifact, storage system) (roles: policy-engine, admin). Audited.',
    complexity: ENFORCE_ROUND_TRIPS * SQL_ROUND_TRIP_COST,
  })
  @RequireRole('policy-engine', 'admin')
  async enforceRetention(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('policyId', { type: () => ID }) policyId: string,
    @Args('idempotencyKey', { type: () => String }) idempotencyKeyArg: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<RetentionEnforcement> {
    const key = idempotencyKey(idempotencyKeyArg);
    const why = text('reason', reason, MAX_REASON_CHARS);
    const { retention, enforcement } = this.ports();
    const policy = await retention.policy(tenant, uuid('policyId', policyId));
    if (!policy || policy.retiredAt !== null)
      throw GatewayError.invalidArgument('policyId', 'no such policy in force');
    const replayed = await this.replay(tenant, key);
    if (replayed) return replayed;
    const data = await retention.previewData(tenant, policy.selector.projectIds);
    const projects = [...new Set(data.holdings.map((h) => h.projectId))];
    const known = await enforcement.requests.knownRequests(tenant, projects);
    const selected = policyDeletionTargets(
      { policy, ...data, nowMs: Date.now() },
      requested(known),
    );
    return this.decide(
      tenant,
      keyId,
      key,
      { policyId: policy.policyId },
      selected,
      policy.graceDays,
      why,
    );
  }

  @Mutation(() => RetentionEnforcement, {
    description:
      "A policy engine's own decision: requests the deletion of every holding of the named artifacts, never one under a legal hold (roles: policy-engine, admin). Audited.",
    complexity: ENFORCE_ROUND_TRIPS * SQL_ROUND_TRIP_COST,
  })
  @RequireRole('policy-engine', 'admin')
  async requestDeletion(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('input', { type: () => RequestDeletionInput }) input: RequestDeletionInput,
  ): Promise<RetentionEnforcement> {
    const key = idempotencyKey(input.idempotencyKey);
    const projectId = checkId('input.projectId', input.projectId);
    if (input.artifactIds.length === 0 || input.artifactIds.length > MAX_NAMED_ARTIFACTS)
      throw GatewayError.invalidArgument(
        'input.artifactIds',
        `must hold 1–${MAX_NAMED_ARTIFACTS} values`,
      );
    const artifactIds = [
      ...new Set(input.artifactIds.map((a, i) => checkId(`input.artifactIds[${i}]`, a))),
    ];
    const reason = text('input.reason', input.reason, MAX_REASON_CHARS);
    if (!reason) throw GatewayError.invalidArgument('input.reason', 'required');
    const policyRef = text('input.policyRef', input.policyRef, MAX_POLICY_REF_CHARS);
    if (!policyRef) throw GatewayError.invalidArgument('input.policyRef', 'required');
    const graceDays = input.graceDays ?? DEFAULT_DECISION_GRACE_DAYS;
    if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 3650)
      throw GatewayError.invalidArgument('input.graceDays', 'must be an integer 0–3650');
    const replayed = await this.replay(tenant, key);
    if (replayed) return replayed;
    const { retention, enforcement } = this.ports();
    const data = await retention.previewData(tenant, [projectId]);
    const known = await enforcement.requests.knownRequests(tenant, [projectId]);
    const selected = namedDeletionTargets({ projectId, artifactIds, ...data }, requested(known));
    return this.decide(tenant, keyId, key, { policyRef }, selected, graceDays, reason);
  }

  /** An unanswered request of this tenant and action; a move is answered as a move. */
  private async pendingRequest(
    tenant: string,
    requestId: string,
    action: 'DELETE' | 'MOVE',
  ): Promise<DeletionRequestRow> {
    const request = await this.ports().enforcement.requests.deletionRequest(
      tenant,
      uuid('requestId', requestId),
      new Date(),
    );
    const kind = action === 'MOVE' ? 'move' : 'deletion';
    if (!request) throw GatewayError.invalidArgument('requestId', `no such ${kind} request`);
    if (request.action !== action)
      throw GatewayError.invalidArgument(
        'requestId',
        request.action === 'MOVE'
          ? 'is a MOVE request: answer it with confirmMove or failMove'
          : 'is a DELETE request: answer it with confirmDeletion or failDeletion',
      );
    if (request.status === 'CONFIRMED' || request.status === 'FAILED')
      throw GatewayError.invalidArgument('requestId', `already answered: ${request.status}`);
    return request;
  }

  /** A holder's confirmation of a pending request of this action, published and audited. */
  private async confirm(
    tenant: string,
    keyId: string,
    requestId: string,
    action: 'DELETE' | 'MOVE',
    bytes: number,
    reason: string | null | undefined,
  ): Promise<RetentionActionAccepted> {
    const why = text('reason', reason, MAX_REASON_CHARS);
    const request = await this.pendingRequest(tenant, requestId, action);
    const confirmed = action === 'MOVE' ? moveConfirmed : deletionConfirmed;
    const event = confirmed(
      tenant,
      request.projectId,
      request.requestId,
      bytes,
      { keyId, ...(why ? { reason: why } : {}) },
      new Date(),
    );
    return this.accepted(event);
  }

  /** A holder's failure answer (reason required) to a pending request of this action. */
  private async fail(
    tenant: string,
    keyId: string,
    requestId: string,
    action: 'DELETE' | 'MOVE',
    reason: string,
  ): Promise<RetentionActionAccepted> {
    const why = text('reason', reason, MAX_REASON_CHARS);
    if (!why) throw GatewayError.invalidArgument('reason', 'required');
    const request = await this.pendingRequest(tenant, requestId, action);
    const failed = action === 'MOVE' ? moveFailed : deletionFailed;
    const event = failed(
      tenant,
      request.projectId,
      request.requestId,
      { keyId, reason: why },
      new Date(),
    );
    return this.accepted(event);
  }

  private async accepted(
    event: Parameters<typeof enforcementRecord>[0],
  ): Promise<RetentionActionAccepted> {
    await this.publish(enforcementRecord(event));
    return Object.assign(new RetentionActionAccepted(), { eventId: event.id, policyId: null });
  }

  @Mutation(() => RetentionActionAccepted, {
    description:
      "A holder's confirmation that it deleted a request's bytes (roles: policy-engine, admin). Audited.",
  })
  @RequireRole('policy-engine', 'admin')
  async confirmDeletion(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('deletedBytes', { type: () => Float }) deletedBytes: number,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<RetentionActionAccepted> {
    if (!Number.isFinite(deletedBytes) || deletedBytes < 0 || deletedBytes > 1e18)
      throw GatewayError.invalidArgument('deletedBytes', 'must be 0–10¹⁸');
    return this.confirm(tenant, keyId, requestId, 'DELETE', deletedBytes, reason);
  }

  @Mutation(() => RetentionActionAccepted, {
    description:
      "A holder's answer that it could not delete; the reason is required (roles: policy-engine, admin). Audited.",
  })
  @RequireRole('policy-engine', 'admin')
  async failDeletion(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<RetentionActionAccepted> {
    return this.fail(tenant, keyId, requestId, 'DELETE', reason);
  }

  @Mutation(() => RetentionActionAccepted, {
    description:
      "A holder's confirmation that it moved a MOVE request's bytes to the target tier (roles: policy-engine, admin). Audited.",
  })
  @RequireRole('policy-engine', 'admin')
  async confirmMove(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('movedBytes', { type: () => Float }) movedBytes: number,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<RetentionActionAccepted> {
    if (!Number.isFinite(movedBytes) || movedBytes < 0 || movedBytes > 1e18)
      throw GatewayError.invalidArgument('movedBytes', 'must be 0–10¹⁸');
    return this.confirm(tenant, keyId, requestId, 'MOVE', movedBytes, reason);
  }

  @Mutation(() => RetentionActionAccepted, {
    description:
      "A holder's answer that it could not move; the reason is required (roles: policy-engine, admin). Audited.",
  })
  @RequireRole('policy-engine', 'admin')
  async failMove(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<RetentionActionAccepted> {
    return this.fail(tenant, keyId, requestId, 'MOVE', reason);
  }

  @Query(() => [DeletionRequest], {
    description:
      'Deletion requests (or, with action: MOVE, move requests), oldest first, of one storage system and/or status: the pull API of holders that do not speak Kafka (roles: read, policy-engine, admin).',
    complexity: pagedRoundTrip(DEFAULT_PAGE, MAX_PAGE),
  })
  @RequireRole('read', 'policy-engine', 'admin')
  async deletionRequests(
    @Tenant() tenant: string,
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('status', { type: () => DeletionRequestStatus, nullable: true })
    status?: DeletionRequestStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('action', {
      type: () => RetentionActionKind,
      nullable: true,
      description: 'DELETE (the default: a holder that polls deletions never sees a move) or MOVE.',
    })
    action?: RetentionActionKind | null,
  ): Promise<DeletionRequest[]> {
    const size = first ?? DEFAULT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE)
      throw GatewayError.invalidArgument('first', `must be an integer 1–${MAX_PAGE}`);
    const rows = await this.ports().enforcement.requests.deletionRequests(
      tenant,
      {
        ...(system ? { storageSystem: checkId('system', system) } : {}),
        ...(status ? { status } : {}),
        action: action === RetentionActionKind.MOVE ? 'MOVE' : 'DELETE',
      },
      size,
      new Date(),
    );
    return rows.map(toRequest);
  }

  @Query(() => [RetentionBreach], {
    description:
      'Storage spans observed after a confirmed deletion: policy breaches, oldest first (roles: read, policy-engine, admin).',
    complexity: pagedRoundTrip(DEFAULT_PAGE, MAX_PAGE),
  })
  @RequireRole('read', 'policy-engine', 'admin')
  async retentionBreaches(
    @Tenant() tenant: string,
    @Args('projectId', { type: () => ID, nullable: true }) projectId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ): Promise<RetentionBreach[]> {
    const size = first ?? DEFAULT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE)
      throw GatewayError.invalidArgument('first', `must be an integer 1–${MAX_PAGE}`);
    const rows = await this.ports().enforcement.requests.breaches(
      tenant,
      projectId ? checkId('projectId', projectId) : undefined,
      size,
    );
    return rows.map((r) => Object.assign(new RetentionBreach(), r));
  }

  @Query(() => AvoidedEmissions, {
    description:
      "The tenant's emissions avoided by confirmed deletions, beside (never netted from) its emissions (roles: read, policy-engine, admin).",
    complexity: oneRoundTrip,
  })
  @RequireRole('read', 'policy-engine', 'admin')
  async retentionAvoided(@Tenant() tenant: string): Promise<AvoidedEmissions> {
    return avoided(this.ports().enforcement, tenant, {});
  }
}

async function avoided(
  enforcement: RetentionEnforcementPort,
  tenant: string,
  scope: { projectId?: string; policyId?: string },
): Promise<AvoidedEmissions> {
  const sums = await enforcement.requests.confirmedDeletionSums(tenant, scope, new Date());
  const booked = bookedAvoided(sums);
  return Object.assign(new AvoidedEmissions(), {
    confirmedDeletions: sums.deletions,
    bytesDeleted: sums.bytesDeleted,
    confirmedMoves: sums.moves,
    bytesMoved: sums.bytesMoved,
    kgCo2ePerYear: amount(booked.kgCo2ePerYear),
    kgCo2eToDate: amount(booked.kgCo2eToDate),
  });
}

@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class ProjectAvoidedEmissionsResolver {
  constructor(
    @Optional()
    @Inject(GATEWAY_ENFORCEMENT)
    private readonly enforcement?: RetentionEnforcementPort,
  ) {}

  @ResolveField(() => AvoidedEmissions, {
    nullable: true,
    description:
      "Emissions the project's confirmed deletions avoid: beside its emissions, never subtracted (docs/retention.md).",
    complexity: oneRoundTrip,
  })
  async avoidedEmissions(
    @Tenant() tenant: string,
    @Parent() project: Project,
  ): Promise<AvoidedEmissions | null> {
    if (!this.enforcement) return null;
    return avoided(this.enforcement, tenant, { projectId: project.id });
  }
}

@Resolver(() => RetentionPolicy)
@UseGuards(ApiKeyGuard)
export class RetentionPolicyAvoidedResolver {
  constructor(
    @Optional()
    @Inject(GATEWAY_ENFORCEMENT)
    private readonly enforcement?: RetentionEnforcementPort,
  ) {}

  @ResolveField(() => AvoidedEmissions, {
    nullable: true,
    description: "Emissions the policy's confirmed deletions avoid (docs/retention.md).",
    complexity: oneRoundTrip,
  })
  async avoided(
    @Tenant() tenant: string,
    @Parent() policy: RetentionPolicy,
  ): Promise<AvoidedEmissions | null> {
    if (!this.enforcement) return null;
    return avoided(this.enforcement, tenant, { policyId: policy.id });
  }
}
