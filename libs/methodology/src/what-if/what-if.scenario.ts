import { getFactor, type FactorSet } from '@greenops/factors';
import { MethodologyInputError } from '../errors';
import { FactorTrail } from '../factor-trail';
import { regionCountry } from '../intensity';

export const RENDER_RESOLUTIONS = ['NATIVE', 'UPSCALE_FROM_720P'] as const;
export type RenderResolution = (typeof RENDER_RESOLUTIONS)[number];
export const LIGHTING_TYPES = ['LED', 'HMI', 'TUNGSTEN'] as const;
export type LightingType = (typeof LIGHTING_TYPES)[number];

/** Longest carbon-aware deferral: two days bounds the search to 49 recomputations per activity. */
export const MAX_SHIFT_HOURS = 48;

/** What a project's activities are recomputed under (docs/insights.md §5); every part optional. */
export interface WhatIfScenario {
  /** ISO 3166-1 alpha-2: the grid the work draws from. Exclusive with cloudProvider/cloudRegion. */
  country?: string;
  cloudProvider?: string;
  cloudRegion?: string;
  /** Facility ÷ IT energy replacing the data-centre PUE, in [1, 5] (the engine's bounds). */
  pue?: number;
  renderResolution?: RenderResolution;
  lighting?: LightingType;
  /** Shiftable batch work (renders, AI generation) may start up to this many hours later. */
  carbonAwareShiftHours?: number;
}

/** A scenario checked against the factor set: the grid it names exists in it. */
export interface CheckedScenario extends WhatIfScenario {
  /** The grid country of the scenario's cloud region, when one is named. */
  cloudCountry?: string;
}

const TEXT_MAX = 64;

/** Throws MethodologyInputError naming `scenario.<field>` and the reason. */
export function checkScenario(scenario: WhatIfScenario, factorSet: FactorSet): CheckedScenario {
  const fail = (field: string, reason: string): never => {
    throw new MethodologyInputError(`scenario.${field}`, reason);
  };
  const out: CheckedScenario = { ...scenario };
  const hasCloud = scenario.cloudProvider !== undefined || scenario.cloudRegion !== undefined;
  if (scenario.country !== undefined && hasCloud) {
    fail('country', 'give either a country or a cloud provider and region, not both');
  }
  if (scenario.country !== undefined) {
    const cc = String(scenario.country).trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(cc)) fail('country', 'must be an ISO 3166-1 alpha-2 code');
    if (!getFactor(factorSet, `grid.location.${cc}`)) {
      fail('country', `factor set ${factorSet.version} has no grid intensity for ${cc}`);
    }
    out.country = cc;
  }
  if (hasCloud) {
    const provider = scenario.cloudProvider?.trim() ?? '';
    const region = scenario.cloudRegion?.trim() ?? '';
    if (!provider || provider.length > TEXT_MAX)
      fail('cloudProvider', 'required with cloudRegion (1–64 characters)');
    if (!region || region.length > TEXT_MAX)
      fail('cloudRegion', 'required with cloudProvider (1–64 characters)');
    const country = regionCountry(
      { cloudProvider: provider, cloudRegion: region },
      new FactorTrail(factorSet),
    );
    if (!country || !getFactor(factorSet, `grid.location.${country}`)) {
      fail(
        'cloudRegion',
        `${provider}/${region} is not a region factor set ${factorSet.version} locates`,
      );
    }
    Object.assign(out, { cloudProvider: provider, cloudRegion: region, cloudCountry: country });
  }
  if (scenario.pue !== undefined) {
    const pue = scenario.pue;
    if (typeof pue !== 'number' || !Number.isFinite(pue) || pue < 1 || pue > 5) {
      fail('pue', `must be a number in [1, 5], got ${String(pue)}`);
    }
  }
  if (
    scenario.renderResolution !== undefined &&
    !(RENDER_RESOLUTIONS as readonly string[]).includes(scenario.renderResolution)
  ) {
    fail('renderResolution', `must be one of ${RENDER_RESOLUTIONS.join(', ')}`);
  }
  if (
    scenario.lighting !== undefined &&
    !(LIGHTING_TYPES as readonly string[]).includes(scenario.lighting)
  ) {
    fail('lighting', `must be one of ${LIGHTING_TYPES.join(', ')}`);
  }
  if (scenario.carbonAwareShiftHours !== undefined) {
    const h = scenario.carbonAwareShiftHours;
    if (!Number.isInteger(h) || h < 0 || h > MAX_SHIFT_HOURS) {
      fail('carbonAwareShiftHours', `must be a whole number of hours in [0, ${MAX_SHIFT_HOURS}]`);
    }
  }
  return out;
}
