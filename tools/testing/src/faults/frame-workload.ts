import type { FaultSpan } from './otlp-json-body';

/** 2 November 2026, 09:00 UTC: inside every span-time window the services accept. */
const T0_MS = Date.UTC(2026, 10, 2, 9, 0, 0);

/**
 * Embodied share of a host whose hardware a span does not describe: the Carbon Trust report's
 * workstation ("The carbon impact of AI video generation", June 2026, Appendix 3), 447 kgCO2e
 * over 5 years at 50 % active use = 21,900 h, charged by the span's duration (SCI M = TE × TiR/EL):
 * 447,000 g / 21,900 h = 20.4109589… g/h; a 10-second span carries 20.4109589… / 360 = 0.0566971… g.
 */
export const FRAME_HOST_EMBODIED_G = 447_000 / 21_900 / 360;

/**
 * One frame-batch render span: measured 0.01 kWh, PUE 1, the span's own grid intensity
 * 100 gCO2e/kWh, 10 s long. Operational 0.01 kWh × 100 g/kWh = 1 g exactly; embodied
 * FRAME_HOST_EMBODIED_G. `index` makes the start time (and so the span) distinct.
 */
export function frameSpan(projectId: string, index: number): FaultSpan {
  return {
    name: `frame batch ${index}`,
    startMs: T0_MS + index * 1000,
    durationS: 10,
    attributes: {
      'greenops.project.id': projectId,
      'greenops.activity.kind': 'render',
      'greenops.energy.kwh': 0.01,
      'greenops.pue': 1,
      'greenops.carbon_intensity.g_per_kwh': 100,
    },
  };
}

/** Spans `from` … `to - 1` of a project's frame stream. */
export function frameSpans(projectId: string, from: number, to: number): FaultSpan[] {
  return Array.from({ length: to - from }, (_, i) => frameSpan(projectId, from + i));
}

export interface FrameTotals {
  energyKwh: number;
  operationalG: number;
  embodiedG: number;
  trainingG: number;
  co2eG: number;
  co2eMarketG: number;
}

/**
 * Totals of `count` distinct frame spans, worked by hand: count × 0.01 kWh; count × 1 g
 * operational (no market figure on the span, so market = location); count × 0.0566971… g embodied.
 */
export function frameTotals(count: number): FrameTotals {
  const embodiedG = count * FRAME_HOST_EMBODIED_G;
  return {
    energyKwh: count * 0.01,
    operationalG: count,
    embodiedG,
    trainingG: 0,
    co2eG: count + embodiedG,
    co2eMarketG: count + embodiedG,
  };
}
