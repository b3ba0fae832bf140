import type { Activity, ActivityMeasurements, EmissionResult } from '@greenops/domain';
import { computeEmissions } from './compute-emissions';
import { MethodologyInputError } from './errors';
import type { ComputeOptions } from './options';

/**
 * The report's standard functional units (CT 2026 §6.2.4: lifecycle emissions per 5-second
 * video at 720p / 1080p / 2160p, 30 frames per second and 50 denoising steps), plus per
 * generated image and per upscaled megapixel-second (App. 3's units).
 */
export const STANDARD_FUNCTIONAL_UNITS = {
  'video-5s-720p-30fps-50steps': {
    description: 'one 5-second video at 720p (1280×720), 30 fps, 50 denoising steps',
    ai: {
      modality: 'video',
      video: { width: 1280, height: 720, durationS: 5, fps: 30 },
      denoisingSteps: 50,
    },
  },
  'video-5s-1080p-30fps-50steps': {
    description: 'one 5-second video at 1080p (1920×1080), 30 fps, 50 denoising steps',
    ai: {
      modality: 'video',
      video: { width: 1920, height: 1080, durationS: 5, fps: 30 },
      denoisingSteps: 50,
    },
  },
  'video-5s-2160p-30fps-50steps': {
    description: 'one 5-second video at 2160p (3840×2160), 30 fps, 50 denoising steps',
    ai: {
      modality: 'video',
      video: { width: 3840, height: 2160, durationS: 5, fps: 30 },
      denoisingSteps: 50,
    },
  },
  image: { description: 'one generated image', ai: { modality: 'image', images: 1 } },
  'upscaled-mp-second': {
    description: 'one upscaled megapixel-second of output at 30 fps',
    ai: { modality: 'upscale', video: { width: 1000, height: 1000, durationS: 1, fps: 30 } },
  },
} as const satisfies Record<string, { description: string; ai: ActivityMeasurements['ai'] }>;

export type StandardFunctionalUnit = keyof typeof STANDARD_FUNCTIONAL_UNITS;

/** Where and with what the unit is produced: model, location and the tenant's method choices. */
export interface FunctionalUnitContext extends ComputeOptions {
  /** `gen_ai.request.model`; default the registered WAN2.1-T2V-1.3B (the report's model). */
  model?: string;
  cloudProvider?: string;
  cloudRegion?: string;
  /** ISO 3166-1 alpha-2. Without a location, AI bought as a service uses the US grid. */
  country?: string;
  intensityGPerKwh?: number;
}

export interface FunctionalUnitEmissions {
  unit: StandardFunctionalUnit;
  description: string;
  /** Lifecycle emissions of one unit, computed by the same models as every span. */
  result: EmissionResult;
}

/**
 * Lifecycle emissions of one standard functional unit, computed by the energy models (never a
 * typed-in figure): the unit's activity goes through `computeEmissions` with the caller's
 * factor set, so a tenant's factors and training option apply as they do to its spans.
 */
export function functionalUnitEmissions(
  unit: StandardFunctionalUnit,
  context: FunctionalUnitContext = {},
): FunctionalUnitEmissions {
  if (!Object.prototype.hasOwnProperty.call(STANDARD_FUNCTIONAL_UNITS, unit)) {
    throw new MethodologyInputError(
      'unit',
      `must be one of ${Object.keys(STANDARD_FUNCTIONAL_UNITS).join(', ')}`,
    );
  }
  const spec = STANDARD_FUNCTIONAL_UNITS[unit];
  const { model, cloudProvider, cloudRegion, country, intensityGPerKwh, ...options } = context;
  const measurements: ActivityMeasurements = {
    ai: { ...spec.ai, ...(spec.ai.modality === 'video' ? { model: model ?? 'wan2.1' } : {}) },
  };
  if (cloudProvider !== undefined) measurements.cloudProvider = cloudProvider;
  if (cloudRegion !== undefined) measurements.cloudRegion = cloudRegion;
  if (country !== undefined) measurements.country = country;
  if (intensityGPerKwh !== undefined) measurements.intensityGPerKwh = intensityGPerKwh;
  const activity: Activity = {
    tenant: 'functional-unit',
    projectId: 'functional-unit',
    kind: 'ai.inference',
    name: unit,
    traceId: '00000000000000000000000000000001',
    spanId: '0000000000000001',
    startTime: '2026-01-01T00:00:00.000Z',
    endTime: '2026-01-01T00:00:00.000Z',
    durationS: 0,
    measurements,
  };
  return {
    unit,
    description: spec.description,
    result: computeEmissions(activity, options),
  };
}
