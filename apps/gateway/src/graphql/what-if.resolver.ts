import { Inject, UseGuards } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Activity } from '@greenops/domain';
import type { FactorSetCatalog } from '@greenops/factors';
import {
  checkScenario,
  MethodologyInputError,
  recomputeWhatIf,
  type WhatIfScenario,
  type WhatIfTotals as Totals,
} from '@greenops/methodology';
import { MAX_WHAT_IF_INPUT_GROUPS, type ActivityInputGroup } from '@greenops/persistence';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import {
  GATEWAY_FACTOR_CATALOG,
  GATEWAY_FACTOR_SETS,
  GATEWAY_INSIGHTS,
  type FactorSetAdmin,
  type InsightsReads,
} from '../gateway-queries.port';
import { checkId } from './argument-checks';
import { SQL_ROUND_TRIP_COST } from './round-trip-cost';
import { WhatIf, WhatIfScenarioInput, WhatIfTotals } from './what-if.types';

/**
 * Engine computations one what-if may run: each distinct input once as recorded, and each part
 * (two when a clip is split into generate + upscale) once per hour of the shift window. The
 * engine prices 30,000–50,000 activities a second on one busy core (tools/bench/src/what-if.bench.ts),
 * so this is one to two seconds; a project beyond it gets a clear error, not a stalled gateway.
 */
export const MAX_WHAT_IF_COMPUTATIONS = 50_000;

/** How many distinct activity inputs a scenario may recompute within the budget. */
export function whatIfGroupLimit(scenario: WhatIfScenario): number {
  const parts = scenario.renderResolution === 'UPSCALE_FROM_720P' ? 2 : 1;
  const perGroup = 1 + parts * ((scenario.carbonAwareShiftHours ?? 0) + 1);
  return Math.min(MAX_WHAT_IF_INPUT_GROUPS, Math.floor(MAX_WHAT_IF_COMPUTATIONS / perGroup));
}

const totals = (t: Totals): WhatIfTotals =>
  Object.assign(new WhatIfTotals(), {
    activityCount: t.activityCount,
    energyKwh: t.energyKwh,
    co2eG: t.co2eG.nominal,
    lowG: t.co2eG.low,
    highG: t.co2eG.high,
    co2eMarketG: t.co2eMarketG,
  });

/** Stored inputs back into the engine's Activity (names and trace ids are not inputs). */
function toActivity(tenant: string, projectId: string, group: ActivityInputGroup): Activity {
  const { kind, startTime, durationS, measurements } = group.inputs;
  const startMs = Date.parse(startTime);
  const endTime =
    Number.isFinite(startMs) && Number.isFinite(durationS)
      ? new Date(startMs + durationS * 1000).toISOString()
      : startTime;
  return {
    tenant,
    projectId,
    kind,
    name: '',
    traceId: '',
    spanId: '',
    startTime,
    endTime,
    durationS,
    measurements,
  };
}

/** `whatIf` (docs/insights.md §5): role read, the caller's tenant only. */
@Resolver()
@UseGuards(ApiKeyGuard)
export class WhatIfResolver {
  constructor(
    @Inject(GATEWAY_INSIGHTS) private readonly insights: InsightsReads,
    @Inject(GATEWAY_FACTOR_SETS) private readonly factorSets: FactorSetAdmin,
    @Inject(GATEWAY_FACTOR_CATALOG) private readonly catalog: FactorSetCatalog,
  ) {}

  @Query(() => WhatIf, {
    nullable: true,
    description:
      "Recomputes the project's stored activities under a scenario (grid, PUE, 720p + upscale, carbon-aware shift) with the methodology engine and the served factor set: actual vs scenario with bands, the difference, by activity kind, and notes on what applied. Null for an unknown project or another tenant's.",
    // Two reads (factor set, inputs) and up to MAX_WHAT_IF_COMPUTATIONS engine runs.
    complexity: ({ childComplexity }) => 5 * SQL_ROUND_TRIP_COST + childComplexity,
  })
  async whatIf(
    @Tenant() tenant: string,
    @Args('projectId', { type: () => String }) projectId: string,
    @Args('scenario', { type: () => WhatIfScenarioInput }) input: WhatIfScenarioInput,
  ): Promise<WhatIf | null> {
    const id = checkId('projectId', projectId);
    const scenario: WhatIfScenario = {
      country: input.country ?? undefined,
      cloudProvider: input.cloudProvider ?? undefined,
      cloudRegion: input.cloudRegion ?? undefined,
      pue: input.pue ?? undefined,
      renderResolution: input.renderResolution ?? undefined,
      lighting: input.lighting ?? undefined,
      carbonAwareShiftHours: input.carbonAwareShiftHours ?? undefined,
    };
    const state = await this.factorSets.state(tenant);
    const factorSet = await this.catalog.get(tenant, state.currentFactorSetVersion);
    try {
      checkScenario(scenario, factorSet);
    } catch (error) {
      if (error instanceof MethodologyInputError) {
        throw GatewayError.invalidArgument(error.field, error.reason);
      }
      throw error;
    }
    const limit = whatIfGroupLimit(scenario);
    const data = await this.insights.whatIf.activityInputs(tenant, id, limit);
    if (data.groups.length === 0 && data.factsWithoutInputs === 0) return null;
    if (data.overLimit) {
      throw new GatewayError(
        'QUERY_TOO_COSTLY',
        `project ${id} has more than ${limit} distinct activity inputs; a what-if with this scenario recomputes at most ${limit} (a shorter carbonAwareShiftHours allows more)`,
        { limit },
      );
    }
    const result = recomputeWhatIf(
      data.groups.map((g) => ({ activity: toActivity(tenant, id, g), count: g.count })),
      scenario,
      { factorSet },
    );
    const notes = [...result.notes];
    const older = data.factsWithoutInputs - data.meteredPeriodFacts;
    if (older > 0) {
      notes.push(
        `${older} activities projected before their inputs were kept are not recomputed (in neither total)`,
      );
    }
    if (data.meteredPeriodFacts > 0) {
      notes.push(
        `${data.meteredPeriodFacts} metered-period allocations are readings, not activities: not recomputed (in neither total)`,
      );
    }
    return Object.assign(new WhatIf(), {
      projectId: id,
      factorSetVersion: result.factorSetVersion,
      actual: totals(result.actual),
      scenario: totals(result.scenario),
      differenceG: result.differenceG.nominal,
      differenceLowG: result.differenceG.low,
      differenceHighG: result.differenceG.high,
      differenceShare: result.differenceShare,
      byKind: result.byKind.map((l) => ({
        kind: l.kind,
        actual: totals(l.actual),
        scenario: totals(l.scenario),
        differenceG: l.differenceG.nominal,
        differenceLowG: l.differenceG.low,
        differenceHighG: l.differenceG.high,
      })),
      notes,
      problems: result.problems,
    });
  }
}
