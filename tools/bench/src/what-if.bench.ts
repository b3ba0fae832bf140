import { performance } from 'node:perf_hooks';
import type { Activity } from '@greenops/domain';
import { DEFAULT_FACTOR_SET, withOverrides, type Factor } from '@greenops/factors';
import {
  computeEmissions,
  recomputeWhatIf,
  type WhatIfActivityGroup,
  type WhatIfScenario,
} from '@greenops/methodology';

/**
 * What-if recomputation cost (docs/insights.md §5). A benchmark, not a test: it asserts nothing.
 *
 *   npm run build && node dist/tools/bench/src/what-if.bench.js [--groups 4000]
 *
 * `groups` distinct activities (¾ farm renders measured in a GB server room, ¼ WAN2.1 1080p clips
 * bought as a service) are recomputed by recomputeWhatIf under four scenarios. The raw baseline,
 * measured in the same run, is a bare loop of computeEmissions over the activities the scenario
 * makes the engine price, as many times as recomputeWhatIf calls it. The ratio (what-if ÷ raw) is
 * the overhead of the scenario logic; the computations/s figure sizes MAX_WHAT_IF_COMPUTATIONS.
 */
const HOUR_MS = 3_600_000;
const START_MS = Date.UTC(2026, 2, 2, 0, 0, 0);

function argInt(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

function activities(n: number): Activity[] {
  return Array.from({ length: n }, (_, i) => {
    const startTime = new Date(START_MS + (i % 500) * HOUR_MS + i * 1000).toISOString();
    const base = {
      tenant: 'bench',
      projectId: 'bench',
      name: '',
      traceId: '',
      spanId: '',
      startTime,
      endTime: new Date(Date.parse(startTime) + HOUR_MS).toISOString(),
      durationS: 3600,
    };
    return i % 4 === 3
      ? {
          ...base,
          kind: 'ai.inference' as const,
          measurements: {
            country: 'GB',
            ai: {
              model: 'WAN2.1-T2V-1.3B',
              modality: 'video' as const,
              denoisingSteps: 50,
              video: { width: 1920, height: 1080, frames: 192, fps: 24, durationS: 8 },
            },
          },
        }
      : {
          ...base,
          kind: 'render' as const,
          measurements: { energyKwh: 10, country: 'GB', facilityType: 'server-room' as const },
        };
  });
}

/** A year of hourly GB intensity (a tenant's published series), a daily 150–250 g/kWh wave. */
function hourlySet() {
  const factors: Factor[] = Array.from({ length: 24 * 366 }, (_, h) => ({
    id: `grid.hourly.GB.${new Date(Date.UTC(2026, 0, 1) + h * HOUR_MS).toISOString().slice(0, 13)}`,
    value: 200 + 50 * Math.sin((2 * Math.PI * h) / 24),
    unit: 'gCO2e/kWh',
    source: 'bench series',
    year: 2026,
  }));
  return withOverrides(DEFAULT_FACTOR_SET, factors, { version: 'bench-hourly', name: 'bench' });
}

function main(): void {
  const n = argInt('groups', 4000);
  const list = activities(n);
  const groups: WhatIfActivityGroup[] = list.map((activity) => ({ activity, count: 1 }));
  const hourly = hourlySet();
  const scenarios: Array<[string, WhatIfScenario, typeof hourly, number]> = [
    // [name, scenario, factor set, engine computations per activity: as recorded + scenario]
    ['grid FR', { country: 'FR' }, DEFAULT_FACTOR_SET, 2],
    ['PUE 1.2', { pue: 1.2 }, DEFAULT_FACTOR_SET, 2],
    ['720p + upscale', { renderResolution: 'UPSCALE_FROM_720P' }, DEFAULT_FACTOR_SET, 2.25],
    ['shift 48 h (hourly series)', { carbonAwareShiftHours: 48 }, hourly, 1 + 49],
  ];
  console.log(
    `what-if bench: ${n} distinct activities (¾ renders, ¼ AI clips), node ${process.version}`,
  );
  for (const [name, scenario, factorSet, perActivity] of scenarios) {
    recomputeWhatIf(groups.slice(0, 50), scenario, { factorSet }); // warm-up
    const t0 = performance.now();
    const result = recomputeWhatIf(groups, scenario, { factorSet });
    const whatIfMs = performance.now() - t0;
    // Raw baseline: the same number of bare engine calls on the recorded activities.
    const calls = Math.round(n * perActivity);
    const t1 = performance.now();
    let sink = 0;
    for (let i = 0; i < calls; i++) {
      sink += computeEmissions(list[i % n], { factorSet }).co2eG.nominal;
    }
    const rawMs = performance.now() - t1;
    // Uses the sum, so the loop cannot be optimised away.
    if (!Number.isFinite(sink)) throw new Error('raw baseline produced a non-finite total');
    console.log(
      `${name.padEnd(28)} what-if ${whatIfMs.toFixed(0).padStart(6)} ms | raw ${calls} computeEmissions ${rawMs
        .toFixed(0)
        .padStart(
          6,
        )} ms (${Math.round((calls / rawMs) * 1000)}/s) | ratio ${(whatIfMs / rawMs).toFixed(2)} | difference ${result.differenceG.nominal.toFixed(0)} g`,
    );
  }
}

main();
