import { ATTR } from './attributes';

/** The range a numeric attribute must lie in: every one has both ends. */
export interface NumberRule {
  min: number;
  /** true: value must be > min (e.g. a rate we divide by). */
  exclusiveMin?: boolean;
  max: number;
  /** Counts of discrete things (tokens, frames, pixels). */
  integer?: boolean;
}

/**
 * The longest activity one span may describe: a leap year. Longer work (a year of storage, a
 * season's hotel block) is sent as several spans. Bounds the span's own end − start too
 * (span-time-limits.ts).
 */
export const MAX_ACTIVITY_DURATION_S = 366 * 86_400;

/**
 * The plausible range of every numeric attribute (docs/semantic-conventions.md §3, "range"),
 * checked at ingest: a value outside it rejects the span with the attribute and the range. The
 * upper bounds are far above any real activity, yet low enough that no combination of them can
 * overflow the methodology's arithmetic (a double holds up to 1.8e308); each says why it is
 * where it is. Lower bounds are what the quantity can physically be.
 */
export const ATTRIBUTE_RANGES = {
  [ATTR.activityDurationS]: { min: 0, max: MAX_ACTIVITY_DURATION_S },
  // A delivered clip: a feature runs hours; a week of programme is far above any single artifact.
  [ATTR.artifactDurationS]: { min: 0, max: 7 * 86_400 },

  // 10 GWh: a 1 GW power station's output for ten hours. No render, shoot or transfer is a
  // single activity of that size.
  [ATTR.energyKwh]: { min: 0, max: 10_000_000 },
  // The methodology's own bounds (libs/methodology/src/intensity.ts, pue.ts): the dirtiest
  // grids are about 1,000 g/kWh (lignite plants about 1,200), and a facility uses at least its
  // IT energy while fleet PUEs lie between 1.1 and 2.5.
  [ATTR.intensityGPerKwh]: { min: 0, max: 3_000 },
  [ATTR.marketIntensityGPerKwh]: { min: 0, max: 3_000 },
  [ATTR.pue]: { min: 1, max: 5 },

  // The largest GPU clusters hold about 100,000 devices; also the count of on-set light fixtures.
  [ATTR.hwCount]: { min: 0, max: 100_000 },
  // Per device: a GPU draws at most about 1.2 kW, an 8-GPU server about 10 kW, the largest film
  // light (an 18 kW HMI) 18 kW. 100 kW leaves room for a whole rack reported as one device.
  [ATTR.hwPowerW]: { min: 0, max: 100_000 },
  [ATTR.hwUtilization]: { min: 0, max: 1 },
  // Per device: a workstation is 447 kgCO2e (docs/methodology.md), a GPU server a few tonnes.
  [ATTR.hwEmbodiedKgCo2e]: { min: 0, max: 100_000 },
  // Divided by in the embodied time share, so at least an hour; 1,000,000 h is 114 years.
  [ATTR.hwLifetimeH]: { min: 1, max: 1_000_000 },
  // The share of a device's embodied emissions this span carries: none to all of it.
  [ATTR.hwEmbodiedShare]: { min: 0, max: 1 },

  // The longest context windows hold a few million tokens; a billion is a batch of hundreds of
  // full-context requests in one span.
  [ATTR.genAiInputTokens]: { min: 0, max: 1_000_000_000, integer: true },
  [ATTR.genAiOutputTokens]: { min: 0, max: 1_000_000_000, integer: true },
  // 16K video (15,360 × 8,640) is the largest resolution standard.
  [ATTR.aiVideoWidth]: { min: 0, max: 16_384, integer: true },
  [ATTR.aiVideoHeight]: { min: 0, max: 16_384, integer: true },
  // 100 hours of generated video at 24 fps is 8.64 million frames.
  [ATTR.aiVideoFrames]: { min: 0, max: 10_000_000, integer: true },
  // Beyond 1,000 fps is high-speed capture, not generated video. Divided by, so above 0.
  [ATTR.aiVideoFps]: { min: 0, exclusiveMin: true, max: 1_000 },
  [ATTR.aiVideoDurationS]: { min: 0, max: 360_000 },
  // Diffusion samplers use 20 to 100 steps.
  [ATTR.aiDenoisingSteps]: { min: 0, max: 10_000, integer: true },
  [ATTR.aiImages]: { min: 0, max: 1_000_000, integer: true },
  // At the proxy's 15 credits per second, 10 million credits are 185 hours of video.
  [ATTR.aiCredits]: { min: 0, max: 10_000_000 },
  // Videos one span covers: at least one; a million covers a batch job of a whole production
  // (the Carbon Trust 2026 case study's largest scenario generated 6,411 videos, §7.5 Table 10).
  [ATTR.aiVideos]: { min: 1, max: 1_000_000, integer: true },

  // 10 PB in one transfer, 1 EB held in one span: beyond a studio's whole archive.
  [ATTR.transferBytes]: { min: 0, max: 1e16 },
  [ATTR.storageBytes]: { min: 0, max: 1e18 },
  // Copies held: at least the original.
  [ATTR.storageReplication]: { min: 1, max: 100, integer: true },

  // The equator is 40,075 km: no single journey leg is longer.
  [ATTR.travelDistanceKm]: { min: 0, max: 40_075 },
  // The largest ferries carry about 7,000 people.
  [ATTR.travelPassengers]: { min: 1, max: 10_000, integer: true },
  // A large generator burns about 100 l/h: a million litres is 10,000 generator-hours.
  [ATTR.fuelLitres]: { min: 0, max: 1_000_000 },
  // Room-nights, so one span can be a whole crew's hotel block: 1,000 people for 100 nights.
  [ATTR.accommodationNights]: { min: 0, max: 100_000 },
} as const satisfies Record<string, NumberRule>;

export type NumericAttribute = keyof typeof ATTRIBUTE_RANGES;
