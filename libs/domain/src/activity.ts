import type { ActivityKind } from './activity-kind';

/**
 * A normalised, validated activity: what one span says about one piece of work.
 * Produced by `libs/semconv` from span + resource attributes; consumed by `libs/methodology`.
 * All quantities carry their unit in the name. Optional fields are absent, never NaN.
 */
export interface ArtifactRef {
  id: string;
  parentId?: string;
  kind?: string;
  status?: string;
  /** Length of the delivered clip, seconds (`greenops.artifact.duration_s`). */
  durationS?: number;
}

export interface HardwareInputs {
  model?: string;
  count?: number;
  powerW?: number;
  /** 0..1 */
  utilization?: number;
  embodiedKgCo2e?: number;
  lifetimeH?: number;
}

export interface AiVideoSpec {
  width?: number;
  height?: number;
  frames?: number;
  fps?: number;
  durationS?: number;
}

export interface AiInputs {
  model?: string;
  modality?: 'text' | 'image' | 'video' | 'upscale' | 'audio';
  inputTokens?: number;
  outputTokens?: number;
  video?: AiVideoSpec;
  denoisingSteps?: number;
  images?: number;
  credits?: number;
  /**
   * Videos this span generated (or upscaled), each of the stated spec; default 1. Counts the
   * inferences for per-inference training allocation (CT 2026 Table 6 option 1b).
   */
  videos?: number;
}

export interface StorageInputs {
  bytes: number;
  media?: 'ssd' | 'hdd' | 'tape' | 'object';
  replication?: number;
  /** The storage system holding the bytes (`greenops.storage.system`), e.g. `isilon-ldn-1`. */
  system?: string;
  /** Where on that system (`greenops.storage.uri`). */
  uri?: string;
}

export interface TravelInputs {
  mode: 'flight' | 'car' | 'van' | 'rail' | 'taxi' | 'ferry';
  distanceKm: number;
  passengers?: number;
  cabinClass?: string;
}

/** What `energyKwh` covers: IT equipment only (PUE still to apply) or the whole facility. */
export type EnergyBoundary = 'it' | 'facility';

/** Where on-premises hardware runs, which decides its default facility overhead (PUE). */
export type FacilityType = 'workstation' | 'server-room' | 'data-centre';

export interface ActivityMeasurements {
  /** Measured energy (top of the measurement hierarchy, report Table 7); IT energy unless `energyBoundary` says facility. */
  energyKwh?: number;
  /** Default 'it'. 'facility': `energyKwh` already includes facility overhead (e.g. a provider's footprint tool). */
  energyBoundary?: EnergyBoundary;
  /** On-premises facility the hardware runs in (default from the device, else a desk-side workstation). */
  facilityType?: FacilityType;
  /** Share (0..1) of the hardware's embodied emissions this span carries (SCI RR/ToR); default 1. */
  embodiedShare?: number;
  /** Location-based intensity override, gCO2e/kWh. */
  intensityGPerKwh?: number;
  /** Market-based intensity, gCO2e/kWh. */
  marketIntensityGPerKwh?: number;
  pue?: number;
  cloudProvider?: string;
  cloudRegion?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  hw?: HardwareInputs;
  ai?: AiInputs;
  transferBytes?: number;
  storage?: StorageInputs;
  travel?: TravelInputs;
  fuel?: { type: string; litres: number };
  onset?: { source?: string; lightingType?: string };
  accommodationNights?: number;
}

export interface Activity {
  tenant: string;
  projectId: string;
  kind: ActivityKind;
  /** Span name, for humans. */
  name: string;
  traceId: string;
  spanId: string;
  startTime: string;
  endTime: string;
  /** End − start unless an attribute says otherwise. */
  durationS: number;
  artifact?: ArtifactRef;
  measurements: ActivityMeasurements;
}
