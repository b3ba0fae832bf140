import type { SpanSpec } from './otel-senders';

/**
 * The shared render scenario. Expected values are worked by hand from the span attributes
 * (all factors are span overrides, so no catalogue value is involved):
 *
 *  sh010-v1  render, 2 × 300 W × 1 h            = 0.6 kWh IT × PUE 1.2 = 0.72 kWh
 *            operational 0.72 × 200 g/kWh       = 144 g;  market 0.72 × 50 = 36 g
 *            embodied 150 kg × 1000 × 2 devices × 1 h / 15 000 h = 20 g
 *            co2e 164 g; market total 56 g
 *  sh010-v2  render, measured 0.5 kWh, PUE 1.0, 200 g/kWh, no market figure (= location)
 *            co2e 100 g; market 100 g
 *  sh010     workstation (comp), measured 0.25 kWh, PUE 1.0, 400 g/kWh → 100 g; market 100 g
 *  sc01      scene, known only as sh010's parent
 *  roll-up sh010 = sc01 = 164 + 100 + 100 = 364 g, 3 activities, 0.72 + 0.5 + 0.25 = 1.47 kWh,
 *            market 56 + 100 + 100 = 256 g, embodied 20 g
 *  untagged  render, measured 1 kWh, PUE 1.0, 100 g/kWh → 100 g (project only)
 *  project   364 + 100 = 464 g; 2.47 kWh; market 256 + 100 = 356 g
 */
export const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

export function renderScenarioSpans(projectId: string): SpanSpec[] {
  return [
    {
      name: 'render sh010 v1',
      startMs: T0,
      durationS: 3600,
      attributes: {
        'greenops.project.id': projectId,
        'greenops.activity.kind': 'render',
        'greenops.artifact.id': 'sh010-v1',
        'greenops.artifact.parent.id': 'sh010',
        'greenops.artifact.kind': 'shot-version',
        'greenops.artifact.status': 'rejected',
        'greenops.hw.count': 2,
        'greenops.hw.power_w': 300,
        'greenops.pue': 1.2,
        'greenops.carbon_intensity.g_per_kwh': 200,
        'greenops.carbon_intensity.market.g_per_kwh': 50,
        'greenops.hw.embodied_kgco2e': 150,
        'greenops.hw.lifetime_h': 15000,
      },
    },
    {
      name: 'render sh010 v2',
      startMs: T0 + 3600_000,
      durationS: 1800,
      attributes: {
        'greenops.project.id': projectId,
        'greenops.activity.kind': 'render',
        'greenops.artifact.id': 'sh010-v2',
        'greenops.artifact.parent.id': 'sh010',
        'greenops.artifact.status': 'approved',
        'greenops.energy.kwh': 0.5,
        'greenops.pue': 1.0,
        'greenops.carbon_intensity.g_per_kwh': 200,
      },
    },
    {
      name: 'comp sh010',
      startMs: T0 + 2 * 3600_000,
      durationS: 900,
      attributes: {
        'greenops.project.id': projectId,
        'greenops.activity.kind': 'workstation',
        'greenops.artifact.id': 'sh010',
        'greenops.artifact.parent.id': 'sc01',
        'greenops.artifact.kind': 'shot',
        'greenops.energy.kwh': 0.25,
        'greenops.pue': 1.0,
        'greenops.carbon_intensity.g_per_kwh': 400,
      },
    },
  ];
}

export function untaggedRenderSpan(projectId: string): SpanSpec {
  return {
    name: 'render untagged',
    startMs: T0 + 3 * 3600_000,
    durationS: 600,
    attributes: {
      'greenops.project.id': projectId,
      'greenops.activity.kind': 'render',
      'greenops.energy.kwh': 1,
      'greenops.pue': 1.0,
      'greenops.carbon_intensity.g_per_kwh': 100,
    },
  };
}

export const EXPECTED = {
  sh010v1: { energyKwh: 0.72, co2eG: 164, co2eMarketG: 56, operationalG: 144, embodiedG: 20, trainingG: 0, activityCount: 1 },
  sh010: { energyKwh: 1.47, co2eG: 364, co2eMarketG: 256, operationalG: 344, embodiedG: 20, trainingG: 0, activityCount: 3 },
  project: { energyKwh: 2.47, co2eG: 464, co2eMarketG: 356, operationalG: 444, embodiedG: 20, trainingG: 0 },
};
