import type {
  ActivityKind,
  ActivityMeasurements,
  AiInputs,
  AiVideoSpec,
  HardwareInputs,
} from '@greenops/domain';
import { AttributeError, describeValue } from './attribute-error';
import type { AttributeReader, NumberRule } from './attribute-reader';
import {
  AI_MODALITIES,
  ATTR,
  ENERGY_BOUNDARIES,
  FACILITY_TYPES,
  ONSET_SOURCES,
  STORAGE_MEDIA,
  TRAVEL_MODES,
} from './attributes';

const NON_NEGATIVE: NumberRule = { min: 0 };
const POSITIVE: NumberRule = { min: 0, exclusiveMin: true };
const COUNT: NumberRule = { min: 0, integer: true };
/** A share of something, 0 (none) to 1 (all). */
const SHARE: NumberRule = { min: 0, max: 1 };
/**
 * Videos per span: at least one; a million covers a batch job of a whole production (the
 * Carbon Trust 2026 case study's largest scenario generated 6,411 videos, §7.5 Table 10).
 */
const VIDEOS: NumberRule = { min: 1, max: 1_000_000, integer: true };

/** Copies only defined values, so optional fields are absent rather than undefined. */
function compact<T extends object>(value: T): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? (out as T) : undefined;
}

function requiredWith(r: AttributeReader, name: string, dependents: string[]): void {
  const present = dependents.filter((d) => r.has(d));
  if (!r.has(name) && present.length > 0) {
    throw new AttributeError(name, `required when ${present.join(', ')} is set`);
  }
}

function country(r: AttributeReader): string | undefined {
  const value = r.string(ATTR.country);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) {
    throw new AttributeError(
      ATTR.country,
      `must be an ISO 3166-1 alpha-2 code such as "GB", got ${describeValue(value)}`,
    );
  }
  return upper;
}

function hardware(r: AttributeReader): HardwareInputs | undefined {
  return compact<HardwareInputs>({
    model: r.string(ATTR.hwModel),
    count: r.number(ATTR.hwCount, NON_NEGATIVE),
    powerW: r.number(ATTR.hwPowerW, NON_NEGATIVE),
    utilization: r.number(ATTR.hwUtilization, { min: 0, max: 1 }),
    embodiedKgCo2e: r.number(ATTR.hwEmbodiedKgCo2e, NON_NEGATIVE),
    // Divided by in the embodied share (TiR/EL), so zero is meaningless.
    lifetimeH: r.number(ATTR.hwLifetimeH, POSITIVE),
  });
}

function ai(r: AttributeReader): AiInputs | undefined {
  const video = compact<AiVideoSpec>({
    width: r.number(ATTR.aiVideoWidth, COUNT),
    height: r.number(ATTR.aiVideoHeight, COUNT),
    frames: r.number(ATTR.aiVideoFrames, COUNT),
    fps: r.number(ATTR.aiVideoFps, POSITIVE),
    durationS: r.number(ATTR.aiVideoDurationS, NON_NEGATIVE),
  });
  return compact<AiInputs>({
    model: r.string(ATTR.genAiRequestModel),
    modality: r.enumValue(ATTR.aiModality, AI_MODALITIES),
    inputTokens: r.number(ATTR.genAiInputTokens, COUNT),
    outputTokens: r.number(ATTR.genAiOutputTokens, COUNT),
    video,
    denoisingSteps: r.number(ATTR.aiDenoisingSteps, COUNT),
    images: r.number(ATTR.aiImages, COUNT),
    credits: r.number(ATTR.aiCredits, NON_NEGATIVE),
    videos: r.number(ATTR.aiVideos, VIDEOS),
  });
}

function storage(r: AttributeReader): ActivityMeasurements['storage'] {
  requiredWith(r, ATTR.storageBytes, [ATTR.storageMedia, ATTR.storageReplication]);
  const bytes = r.number(ATTR.storageBytes, NON_NEGATIVE);
  if (bytes === undefined) return undefined;
  return compact({
    bytes,
    media: r.enumValue(ATTR.storageMedia, STORAGE_MEDIA),
    // Number of copies held: at least the original.
    replication: r.number(ATTR.storageReplication, { min: 1, integer: true }),
  });
}

function travel(r: AttributeReader, kind: ActivityKind): ActivityMeasurements['travel'] {
  const names = [ATTR.travelMode, ATTR.travelDistanceKm, ATTR.travelPassengers, ATTR.travelClass];
  if (kind !== 'travel' && !r.hasAny(...names)) return undefined;
  const mode = r.enumValue(ATTR.travelMode, TRAVEL_MODES);
  const distanceKm = r.number(ATTR.travelDistanceKm, NON_NEGATIVE);
  const missing = (name: string): AttributeError =>
    kind === 'travel'
      ? new AttributeError(name, 'required for activity kind "travel"')
      : new AttributeError(
          name,
          `required when ${names.filter((n) => r.has(n)).join(', ')} is set`,
        );
  if (mode === undefined) throw missing(ATTR.travelMode);
  if (distanceKm === undefined) throw missing(ATTR.travelDistanceKm);
  const extras = compact({
    passengers: r.number(ATTR.travelPassengers, { min: 1, integer: true }),
    cabinClass: r.lowerString(ATTR.travelClass),
  });
  return { mode, distanceKm, ...extras };
}

function fuel(r: AttributeReader): ActivityMeasurements['fuel'] {
  requiredWith(r, ATTR.fuelType, [ATTR.fuelLitres]);
  requiredWith(r, ATTR.fuelLitres, [ATTR.fuelType]);
  const type = r.lowerString(ATTR.fuelType);
  const litres = r.number(ATTR.fuelLitres, NON_NEGATIVE);
  return type !== undefined && litres !== undefined ? { type, litres } : undefined;
}

/** Validates and normalises every measurement attribute; throws AttributeError on the first bad one. */
export function measurementsFromAttributes(
  r: AttributeReader,
  kind: ActivityKind,
): ActivityMeasurements {
  // The boundary says what the measured kWh cover: meaningless without them.
  requiredWith(r, ATTR.energyKwh, [ATTR.energyBoundary]);
  return (
    compact<ActivityMeasurements>({
      energyKwh: r.number(ATTR.energyKwh, NON_NEGATIVE),
      energyBoundary: r.enumValue(ATTR.energyBoundary, ENERGY_BOUNDARIES),
      facilityType: r.enumValue(ATTR.facilityType, FACILITY_TYPES),
      embodiedShare: r.number(ATTR.hwEmbodiedShare, SHARE),
      intensityGPerKwh: r.number(ATTR.intensityGPerKwh, NON_NEGATIVE),
      marketIntensityGPerKwh: r.number(ATTR.marketIntensityGPerKwh, NON_NEGATIVE),
      // A facility cannot use less energy than its IT load.
      pue: r.number(ATTR.pue, { min: 1 }),
      cloudProvider: r.lowerString(ATTR.cloudProvider),
      cloudRegion: r.lowerString(ATTR.cloudRegion),
      country: country(r),
      hw: hardware(r),
      ai: ai(r),
      transferBytes: r.number(ATTR.transferBytes, NON_NEGATIVE),
      storage: storage(r),
      travel: travel(r, kind),
      fuel: fuel(r),
      onset: compact({
        source: r.enumValue(ATTR.onsetSource, ONSET_SOURCES),
        lightingType: r.lowerString(ATTR.lightingType),
      }),
      accommodationNights: r.number(ATTR.accommodationNights, NON_NEGATIVE),
    }) ?? {}
  );
}
