import { Inject, UseGuards } from '@nestjs/common';
import { Args, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import type { FactorSetCatalog } from '@greenops/factors';
import {
  functionalUnitEmissions,
  STANDARD_FUNCTIONAL_UNITS,
  type StandardFunctionalUnit,
} from '@greenops/methodology';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import {
  GATEWAY_FACTOR_CATALOG,
  GATEWAY_FACTOR_SETS,
  type FactorSetAdmin,
} from '../gateway-queries.port';
import { checkId } from './argument-checks';
import { oneRoundTrip } from './round-trip-cost';
import { SciScore } from './sci-score.types';

/** GraphQL names of the report's standard functional units (libs/methodology ids as values). */
export const StandardFunctionalUnitEnum = Object.fromEntries(
  Object.keys(STANDARD_FUNCTIONAL_UNITS).map((id) => [id.toUpperCase().replace(/-/g, '_'), id]),
) as Record<string, StandardFunctionalUnit>;

registerEnumType(StandardFunctionalUnitEnum, {
  name: 'StandardFunctionalUnit',
  description:
    'Standard functional units of Carbon Trust, "The carbon impact of AI video generation" (2026), §6.2.4 and App. 3: a 5-second video at 720p/1080p/2160p, 30 fps, 50 denoising steps; one generated image; one upscaled megapixel-second.',
});

/**
 * SCI of one standard functional unit, computed by the same energy models as every span with
 * the caller's served factor set (its factors and training option apply): comparable across
 * providers, regions and models, never a typed-in figure (docs/methodology.md §8a).
 */
@Resolver()
@UseGuards(ApiKeyGuard)
export class StandardSciResolver {
  constructor(
    @Inject(GATEWAY_FACTOR_SETS) private readonly factorSets: FactorSetAdmin,
    @Inject(GATEWAY_FACTOR_CATALOG) private readonly catalog: FactorSetCatalog,
  ) {}

  @Query(() => SciScore, {
    description:
      'Lifecycle carbon of one standard functional unit where and with what it is produced (defaults: the registered WAN2.1-T2V-1.3B for video; AI bought as a service without a location uses the US grid).',
    complexity: oneRoundTrip,
  })
  async standardSci(
    @Tenant() tenant: string,
    @Args('per', { type: () => StandardFunctionalUnitEnum }) per: StandardFunctionalUnit,
    @Args('model', { type: () => String, nullable: true }) model?: string,
    @Args('cloudProvider', { type: () => String, nullable: true }) cloudProvider?: string,
    @Args('cloudRegion', { type: () => String, nullable: true }) cloudRegion?: string,
    @Args('country', { type: () => String, nullable: true }) country?: string,
  ): Promise<SciScore> {
    const optional = (field: string, value: string | undefined | null) =>
      value === undefined || value === null ? undefined : checkId(field, value);
    const state = await this.factorSets.state(tenant);
    const factorSet = await this.catalog.get(tenant, state.currentFactorSetVersion);
    const { description, result } = functionalUnitEmissions(per, {
      factorSet,
      model: optional('model', model),
      cloudProvider: optional('cloudProvider', cloudProvider),
      cloudRegion: optional('cloudRegion', cloudRegion),
      country: optional('country', country),
    });
    return Object.assign(new SciScore(), {
      functionalUnit: description,
      quantity: 1,
      co2eGPerUnit: result.co2eG.nominal,
      lowGPerUnit: result.co2eG.low,
      highGPerUnit: result.co2eG.high,
      co2eMarketGPerUnit: result.co2eMarketG.nominal,
    });
  }
}
