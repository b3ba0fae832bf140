import { Inject, Optional, UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { ActingKeyId, Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import {
  GATEWAY_TELEMETRY_RETENTION,
  type TelemetryRetentionAdmin,
} from '../telemetry-retention.port';
import { checkId, checkText } from './argument-checks';
import { ProjectionStatus } from './factor-set.types';
import { oneRoundTrip } from './round-trip-cost';
import {
  ProjectErasure,
  TelemetryRetention,
  TelemetryRetentionRun,
} from './telemetry-retention.types';

const MAX_RAW_DAYS = 36_500;
const MAX_REASON_CHARS = 2000;
/** Setting, enforcing and erasing touch many rows; cost them like a large page. */
const ADMIN_COMMAND_COST = 100;

function requiredReason(value: string): string {
  const text = checkText('reason', value.trim(), MAX_REASON_CHARS);
  if (text.length === 0) throw GatewayError.invalidArgument('reason', 'must not be blank');
  return text;
}

/**
 * The platform's own data (docs/retention.md, "The platform's own data"): a tenant's raw
 * telemetry window and project erasure. Commands run against the database directly (not as
 * events: they remove data, and must not be replayed by a rebuild); each leaves a
 * retention_audit record with the acting key, the time and the reason. Role admin.
 */
@Resolver()
@UseGuards(ApiKeyGuard)
export class TelemetryRetentionResolver {
  constructor(
    @Optional()
    @Inject(GATEWAY_TELEMETRY_RETENTION)
    private readonly admin?: TelemetryRetentionAdmin,
  ) {}

  private store(): TelemetryRetentionAdmin {
    if (!this.admin) throw new GatewayError('INTERNAL', 'telemetry retention is not configured');
    return this.admin;
  }

  @Mutation(() => TelemetryRetention, {
    description:
      'Sets how many days of raw telemetry the tenant keeps (role: admin). Older raw facts are removed at the next sweep or enforceTelemetryRetention; totals and daily series are kept. Audited.',
    complexity: ADMIN_COMMAND_COST,
  })
  @RequireRole('admin')
  async setTelemetryRetention(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('rawDays', { type: () => Int }) rawDays: number,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<TelemetryRetention> {
    if (!Number.isInteger(rawDays) || rawDays < 1 || rawDays > MAX_RAW_DAYS)
      throw GatewayError.invalidArgument('rawDays', `must be an integer 1–${MAX_RAW_DAYS}`);
    const setting = await this.store().retention.setWindow(tenant, rawDays, {
      keyId,
      reason: requiredReason(reason),
    });
    return toRetention(setting);
  }

  @Mutation(() => TelemetryRetentionRun, {
    nullable: true,
    description:
      "Enforces the tenant's raw-telemetry window now (role: admin); null when no window is set. Audited when anything was removed.",
    complexity: ADMIN_COMMAND_COST,
  })
  @RequireRole('admin')
  async enforceTelemetryRetention(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<TelemetryRetentionRun | null> {
    const run = await this.store().retention.enforce(tenant, {
      keyId,
      reason: requiredReason(reason),
    });
    return run ? Object.assign(new TelemetryRetentionRun(), run) : null;
  }

  @Mutation(() => ProjectErasure, {
    description:
      "Erases a project's raw events, facts, artifacts and per-project rows (role: admin); keepTotals keeps its totals by scope and daily sums. Refused while a legal hold is in force. Audited.",
    complexity: ADMIN_COMMAND_COST,
  })
  @RequireRole('admin')
  async eraseProject(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('keepTotals', { type: () => Boolean }) keepTotals: boolean,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<ProjectErasure> {
    const erased = await this.store().erasure.erase(
      tenant,
      checkId('projectId', projectId),
      keepTotals,
      { keyId, reason: requiredReason(reason) },
    );
    return Object.assign(new ProjectErasure(), erased);
  }

  @Query(() => TelemetryRetention, {
    nullable: true,
    description:
      "The tenant's raw-telemetry window; null: none set, all raw data kept (roles: read, admin).",
    complexity: oneRoundTrip,
  })
  @RequireRole('read', 'admin')
  async telemetryRetention(@Tenant() tenant: string): Promise<TelemetryRetention | null> {
    const setting = await this.store().retention.setting(tenant);
    return setting ? toRetention(setting) : null;
  }
}

/** ProjectionStatus.restatableFrom: what a factor-set restatement can still recompute. */
@Resolver(() => ProjectionStatus)
@UseGuards(ApiKeyGuard)
export class ProjectionRestatableResolver {
  constructor(
    @Optional()
    @Inject(GATEWAY_TELEMETRY_RETENTION)
    private readonly admin?: TelemetryRetentionAdmin,
  ) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The earliest instant still held raw: a factor-set rebuild recomputes facts from here on; earlier ones were removed by telemetry retention (docs/retention.md). Null: all raw data is held.',
    complexity: oneRoundTrip,
  })
  async restatableFrom(@Tenant() tenant: string): Promise<string | null> {
    return this.admin ? this.admin.retention.restatableFrom(tenant) : null;
  }
}

function toRetention(s: {
  rawDays: number;
  setAt: string;
  setBy: string;
  rawHeldFrom: string | null;
  lastEnforcedAt: string | null;
}): TelemetryRetention {
  return Object.assign(new TelemetryRetention(), {
    rawDays: s.rawDays,
    setAt: s.setAt,
    setBy: s.setBy,
    restatableFrom: s.rawHeldFrom,
    lastEnforcedAt: s.lastEnforcedAt,
  });
}
