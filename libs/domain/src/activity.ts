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
}

export interface TravelInputs {
  mode: 'flight' | 'car' | 'van' | 'rail' | 'taxi' | 'ferry';
  distanceKm: number;
  passengers?: number;
  cabinClass?: string;
}

export interface ActivityMeasurements {
  /** Measured IT energy (top of the measurement hierarchy, report Table 7). */
  energyKwh?: number;
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
  storage?: { bytes: number; media?: 'ssd' | 'hdd' | 'tape' | 'object'; replication?: number };
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
