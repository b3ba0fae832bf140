import type {
  ActivityKind,
  ActivityMeasurements,
  AiInputs,
  AiVideoSpec,
  HardwareInputs,
} from '@greenops/domain';
import { AttributeError, describeValue } from './attribute-error';
import type { AttributeReader } from './attribute-reader';
import {
  AI_MODALITIES,
  ATTR,
  ENERGY_BOUNDARIES,
  FACILITY_TYPES,
  ONSET_SOURCES,
  STORAGE_MEDIA,
  TRAVEL_MODES,
} from './attributes';
import { STORAGE_URI_MAX_CHARS } from './ingest-limits';

/**
 * Copies only defined values, so optional fields are absent rather than undefined. `value` is
 * an object literal (own keys only), walked with for…in: Object.entries built an array per
 * key, several times per span.
 */
function compact<T extends object>(value: T): T | undefined {
  const from = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const k in from) {
    const v = from[k];
    if (v !== undefined) {
      out[k] = v;
      any = true;
    }
  }
  return any ? (out as T) : undefined;
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
    count: r.number(ATTR.hwCount),
    powerW: r.number(ATTR.hwPowerW),
    utilization: r.number(ATTR.hwUtilization),
    embodiedKgCo2e: r.number(ATTR.hwEmbodiedKgCo2e),
    lifetimeH: r.number(ATTR.hwLifetimeH),
  });
}

function ai(r: AttributeReader): AiInputs | undefined {
  const video = compact<AiVideoSpec>({
    width: r.number(ATTR.aiVideoWidth),
    height: r.number(ATTR.aiVideoHeight),
    frames: r.number(ATTR.aiVideoFrames),
    fps: r.number(ATTR.aiVideoFps),
    durationS: r.number(ATTR.aiVideoDurationS),
  });
  return compact<AiInputs>({
    model: r.string(ATTR.genAiRequestModel),
    modality: r.enumValue(ATTR.aiModality, AI_MODALITIES),
    inputTokens: r.number(ATTR.genAiInputTokens),
    outputTokens: r.number(ATTR.genAiOutputTokens),
    video,
    denoisingSteps: r.number(ATTR.aiDenoisingSteps),
    images: r.number(ATTR.aiImages),
    credits: r.number(ATTR.aiCredits),
    videos: r.number(ATTR.aiVideos),
  });
}

function storage(r: AttributeReader): ActivityMeasurements['storage'] {
  requiredWith(r, ATTR.storageBytes, [
    ATTR.storageMedia,
    ATTR.storageReplication,
    ATTR.storageSystem,
    ATTR.storageUri,
  ]);
  requiredWith(r, ATTR.storageSystem, [ATTR.storageUri]);
  const bytes = r.number(ATTR.storageBytes);
  if (bytes === undefined) return undefined;
  return compact({
    bytes,
    media: r.enumValue(ATTR.storageMedia, STORAGE_MEDIA),
    replication: r.number(ATTR.storageReplication),
    system: r.string(ATTR.storageSystem),
    uri: r.string(ATTR.storageUri, STORAGE_URI_MAX_CHARS),
  });
}

function travel(r: AttributeReader, kind: ActivityKind): ActivityMeasurements['travel'] {
  const names = [ATTR.travelMode, ATTR.travelDistanceKm, ATTR.travelPassengers, ATTR.travelClass];
  if (kind !== 'travel' && !r.hasAny(...names)) return undefined;
  const mode = r.enumValue(ATTR.travelMode, TRAVEL_MODES);
  const distanceKm = r.number(ATTR.travelDistanceKm);
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
    passengers: r.number(ATTR.travelPassengers),
    cabinClass: r.lowerString(ATTR.travelClass),
  });
  return { mode, distanceKm, ...extras };
}

function fuel(r: AttributeReader): ActivityMeasurements['fuel'] {
  requiredWith(r, ATTR.fuelType, [ATTR.fuelLitres]);
  requiredWith(r, ATTR.fuelLitres, [ATTR.fuelType]);
  const type = r.lowerString(ATTR.fuelType);
  const litres = r.number(ATTR.fuelLitres);
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
      energyKwh: r.number(ATTR.energyKwh),
      energyBoundary: r.enumValue(ATTR.energyBoundary, ENERGY_BOUNDARIES),
      facilityType: r.enumValue(ATTR.facilityType, FACILITY_TYPES),
      embodiedShare: r.number(ATTR.hwEmbodiedShare),
      intensityGPerKwh: r.number(ATTR.intensityGPerKwh),
      marketIntensityGPerKwh: r.number(ATTR.marketIntensityGPerKwh),
      pue: r.number(ATTR.pue),
      cloudProvider: r.lowerString(ATTR.cloudProvider),
      cloudRegion: r.lowerString(ATTR.cloudRegion),
      country: country(r),
      hw: hardware(r),
      ai: ai(r),
      transferBytes: r.number(ATTR.transferBytes),
      storage: storage(r),
      travel: travel(r, kind),
      fuel: fuel(r),
      onset: compact({
        source: r.enumValue(ATTR.onsetSource, ONSET_SOURCES),
        lightingType: r.lowerString(ATTR.lightingType),
      }),
      accommodationNights: r.number(ATTR.accommodationNights),
    }) ?? {}
  );
}
