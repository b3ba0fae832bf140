import { Inject, Optional, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { EventLogPublisher } from '@greenops/messaging';
import { sciPerUnit } from '@greenops/methodology';
import { TENANT_SCOPE_PROJECT } from '@greenops/contracts';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { Tenant, type GatewayContext } from '../auth/tenant-context';
import { loadArtifactIteration } from './artifact-iteration.loader';
import { GatewayError } from '../errors/gateway-error';
import { GATEWAY_INSIGHTS, GATEWAY_PUBLISHER, type InsightsReads } from '../gateway-queries.port';
import { checkId, checkText } from './argument-checks';
import {
  ArtifactIterationCost,
  ArtifactSciUnit,
  ArtifactStatusChange,
  ArtifactStatusReceipt,
} from './artifact-insights.types';
import { artifactStatusChange } from './artifact-status-change';
import { Artifact } from './artifact.type';
import { oneRoundTrip } from './round-trip-cost';
import { SciScore } from './sci-score.types';

const MAX_STATUS_CHARS = 64;
const MAX_NOTE_CHARS = 2000;
const DEFAULT_HISTORY = 100;

/** Lineage and iteration (docs/insights.md §2): status history, iteration cost, per-artifact SCI. */
@Resolver(() => Artifact)
@UseGuards(ApiKeyGuard)
export class ArtifactInsightsResolver {
  constructor(
    @Inject(GATEWAY_INSIGHTS) private readonly insights: InsightsReads,
    @Optional() @Inject(GATEWAY_PUBLISHER) private readonly publisher?: EventLogPublisher,
  ) {}

  @Mutation(() => ArtifactStatusReceipt, {
    description:
      "Sets an artifact's status (role: admin), as an ArtifactStatusChanged event; it joins the artifact's history once projected.",
  })
  @RequireRole('admin')
  async setArtifactStatus(
    @Tenant() tenant: string,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('artifactId', { type: () => ID }) artifactId: string,
    @Args('status', { type: () => String }) status: string,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ): Promise<ArtifactStatusReceipt> {
    checkId('projectId', projectId);
    if (projectId === TENANT_SCOPE_PROJECT) {
      throw GatewayError.invalidArgument('projectId', `${TENANT_SCOPE_PROJECT} is reserved`);
    }
    checkId('artifactId', artifactId);
    if (artifactId.length > 256)
      throw GatewayError.invalidArgument('artifactId', 'must be 1–256 characters');
    const normalised = status.trim().toLowerCase();
    if (normalised.length === 0 || normalised.length > MAX_STATUS_CHARS) {
      throw GatewayError.invalidArgument('status', `must be 1–${MAX_STATUS_CHARS} characters`);
    }
    checkId('status', normalised);
    if (note !== undefined && note !== null) checkText('note', note, MAX_NOTE_CHARS);
    if (!this.publisher) {
      throw new GatewayError(
        'EVENT_LOG_UNAVAILABLE',
        'Setting artifact statuses needs the event log (set GREENOPS_KAFKA_BROKERS)',
      );
    }
    const { event, record } = artifactStatusChange(
      tenant,
      projectId,
      artifactId,
      normalised,
      note ?? undefined,
      new Date(),
    );
    await this.publisher.publish([record]);
    return Object.assign(new ArtifactStatusReceipt(), {
      eventId: event.id,
      changedAt: event.occurredAt,
    });
  }

  @ResolveField(() => [ArtifactStatusChange], {
    description: 'Statuses the artifact took, oldest first (from spans and setArtifactStatus).',
    complexity: oneRoundTrip,
  })
  async statusHistory(
    @Tenant() tenant: string,
    @Parent() artifact: Artifact,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<ArtifactStatusChange[]> {
    const size = first ?? DEFAULT_HISTORY;
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw GatewayError.invalidArgument('first', 'must be an integer from 1 to 1000');
    }
    const rows = await this.insights.artifacts.statusHistory(
      tenant,
      artifact.projectId,
      artifact.id,
      size,
    );
    return rows.map((row) => Object.assign(new ArtifactStatusChange(), row));
  }

  @ResolveField(() => ArtifactIterationCost, {
    description:
      'The cost of iteration: the roll-up split into delivered, discarded and in progress.',
    complexity: oneRoundTrip,
  })
  async iteration(
    @Tenant() tenant: string,
    @Context() context: GatewayContext,
    @Parent() artifact: Artifact,
  ): Promise<ArtifactIterationCost> {
    const it = await loadArtifactIteration(
      context.req,
      this.insights,
      tenant,
      artifact.projectId,
      artifact.id,
    );
    return Object.assign(new ArtifactIterationCost(), {
      co2eG: it.co2eG,
      deliveredG: it.deliveredG,
      discardedG: it.discardedG,
      inProgressG: it.co2eG - it.deliveredG - it.discardedG,
      discardedShare: it.co2eG > 0 ? it.discardedG / it.co2eG : null,
    });
  }

  @ResolveField(() => SciScore, {
    nullable: true,
    description:
      "SCI of the artifact's roll-up per unit; null when the unit is unknown or 0 (no stated duration, no approved child).",
    complexity: oneRoundTrip,
  })
  async sci(
    @Tenant() tenant: string,
    @Context() context: GatewayContext,
    @Parent() artifact: Artifact,
    @Args('per', { type: () => ArtifactSciUnit }) per: ArtifactSciUnit,
  ): Promise<SciScore | null> {
    const it = await loadArtifactIteration(
      context.req,
      this.insights,
      tenant,
      artifact.projectId,
      artifact.id,
    );
    const quantity =
      per === ArtifactSciUnit.ARTIFACT
        ? 1
        : per === ArtifactSciUnit.SECOND
          ? it.durationS
          : per === ArtifactSciUnit.MINUTE
            ? it.durationS === null
              ? null
              : it.durationS / 60
            : it.approvedChildren;
    if (quantity === null || !(quantity > 0)) return null;
    const location = sciPerUnit(
      { low: it.lowG, nominal: it.co2eG, high: it.highG },
      quantity,
      'per',
    );
    const market = it.co2eMarketG / quantity;
    const unitName: Record<ArtifactSciUnit, string> = {
      ARTIFACT: `artifact ${artifact.id}`,
      SECOND: `second of ${artifact.id}`,
      MINUTE: `minute of ${artifact.id}`,
      APPROVED_CHILD: `approved child of ${artifact.id}`,
    };
    return Object.assign(new SciScore(), {
      functionalUnit: unitName[per],
      quantity,
      co2eGPerUnit: location.nominal,
      lowGPerUnit: location.low,
      highGPerUnit: location.high,
      co2eMarketGPerUnit: market,
    });
  }
}
