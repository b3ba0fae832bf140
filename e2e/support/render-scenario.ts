import type { SpanSpec } from './otel-senders';

/**
 * Embodied share of a host whose hardware a span does not describe: the Carbon Trust report's
 * workstation, 447 kgCO2e over 5 years at 50 % active use = 21,900 h (Appendix 3), charged by
 * the span's duration (SCI M = TE × TiR/EL). 447,000 g / 21,900 h = 20.4109589… g per hour.
 */
const HOST_EMBODIED_G_PER_H = 447_000 / 21_900;
const hostEmbodiedG = (durationS: number) => (HOST_EMBODIED_G_PER_H * durationS) / 3600;
/**
 * An artist's computer (kind `workstation`) also carries software development (Carbon Trust
 * report App. 3 "Software (development)", §7.4.3), counted in embodied: Adobe's 523,411 tCO2e
 * over 31.025 billion user-hours = 16.8706… g per hour of use.
 */
export const SOFTWARE_G_PER_H = 523_411e6 / 31.025e9;
const softwareG = (durationS: number) => (SOFTWARE_G_PER_H * durationS) / 3600;

/**
 * The shared render scenario. Expected values are worked by hand from the span attributes
 * (intensity and PUE are span overrides):
 *
 *  sh010-v1  render, 2 × 300 W × 1 h            = 0.6 kWh IT × PUE 1.2 = 0.72 kWh
 *            operational 0.72 × 200 g/kWh       = 144 g;  market 0.72 × 50 = 36 g
 *            embodied 150 kg × 1000 × 2 devices × 1 h / 15 000 h = 20 g
 *            co2e 164 g; market total 56 g
 *  sh010-v2  render, measured 0.5 kWh, PUE 1.0, 200 g/kWh, no market figure (= location)
 *            operational 100 g; market 100 g; host embodied 0.5 h → E(1800 s)
 *  sh010     workstation (comp), measured 0.25 kWh, PUE 1.0, 400 g/kWh → 100 g; market 100 g;
 *            host embodied 0.25 h → E(900 s), software development 0.25 h × 16.8706 g = S(900 s)
 *  sc01      scene, known only as sh010's parent
 *  roll-up sh010 = sc01: operational 144 + 100 + 100 = 344 g, embodied 20 + E(1800) + E(900) + S(900),
 *            3 activities, 0.72 + 0.5 + 0.25 = 1.47 kWh, market operational 36 + 100 + 100 = 236 g
 *  untagged  render, measured 1 kWh, PUE 1.0, 100 g/kWh → 100 g + E(600 s) (project only)
 *  project   operational 444 g; 2.47 kWh; market operational 336 g
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

const sh010EmbodiedG = 20 + hostEmbodiedG(1800) + hostEmbodiedG(900) + softwareG(900);
const projectEmbodiedG = sh010EmbodiedG + hostEmbodiedG(600);

export const EXPECTED = {
  sh010v1: {
    energyKwh: 0.72,
    co2eG: 164,
    co2eMarketG: 56,
    operationalG: 144,
    embodiedG: 20,
    trainingG: 0,
    activityCount: 1,
  },
  sh010: {
    energyKwh: 1.47,
    operationalG: 344,
    embodiedG: sh010EmbodiedG,
    trainingG: 0,
    co2eG: 344 + sh010EmbodiedG,
    co2eMarketG: 236 + sh010EmbodiedG,
    activityCount: 3,
  },
  project: {
    energyKwh: 2.47,
    operationalG: 444,
    embodiedG: projectEmbodiedG,
    trainingG: 0,
    co2eG: 444 + projectEmbodiedG,
    co2eMarketG: 336 + projectEmbodiedG,
  },
};

export { hostEmbodiedG };

/**
 * Hour `i` of a measured 1 kWh render in GB with no intensity or PUE on the span, so the grid
 * factor (catalogue 215.79 g/kWh, or a tenant's override) and PUE 1.0 apply.
 */
export function gbRender(i: number, projectId = 'grid-project'): SpanSpec {
  return {
    name: `grid render ${i}`,
    startMs: T0 + i * 3600_000,
    durationS: 3600,
    attributes: {
      'greenops.project.id': projectId,
      'greenops.activity.kind': 'render',
      'greenops.energy.kwh': 1,
      'greenops.location.country': 'GB',
    },
  };
}
