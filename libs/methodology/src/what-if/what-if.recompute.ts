import {
  addRanges,
  scaleRange,
  ZERO_RANGE,
  type Activity,
  type EmissionResult,
  type Range,
} from '@greenops/domain';
import type { FactorSet } from '@greenops/factors';
import { computeEmissions } from '../compute-emissions';
import { MethodologyInputError } from '../errors';
import type { ComputeOptions } from '../options';
import {
  hourlySeriesCountries,
  lowestCarbonShift,
  SHIFTABLE_KINDS,
} from './what-if.carbon-aware-shift';
import { applyGrid } from './what-if.grid';
import type { PartOutcome } from './what-if.outcome';
import { applyPue } from './what-if.pue';
import { checkScenario, type WhatIfScenario } from './what-if.scenario';
import { applyUpscaleFrom720p } from './what-if.upscale';

/** Activities with identical inputs, recomputed once and counted `count` times (bounded cost). */
export interface WhatIfActivityGroup {
  activity: Activity;
  count: number;
}

export interface WhatIfTotals {
  activityCount: number;
  /** Facility energy, nominal. */
  energyKwh: number;
  /** Location-based, with the low/nominal/high band. */
  co2eG: Range;
  co2eMarketG: number;
}

export interface WhatIfKindLine {
  kind: string;
  actual: WhatIfTotals;
  scenario: WhatIfTotals;
  /** scenario − actual, end by end of the band. */
  differenceG: Range;
}

/** Activities left out of both totals, so actual and scenario always cover the same work. */
export interface WhatIfProblem {
  /** `as recorded` or `scenario`: which computation refused the activity. */
  stage: 'as recorded' | 'scenario';
  field: string;
  reason: string;
  activityCount: number;
}

export interface WhatIfResult {
  factorSetVersion: string;
  actual: WhatIfTotals;
  scenario: WhatIfTotals;
  differenceG: Range;
  /** differenceG.nominal ÷ actual nominal; null when the actual is 0. */
  differenceShare: number | null;
  byKind: WhatIfKindLine[];
  notes: string[];
  problems: WhatIfProblem[];
}

const EMPTY: WhatIfTotals = { activityCount: 0, energyKwh: 0, co2eG: ZERO_RANGE, co2eMarketG: 0 };

function add(t: WhatIfTotals, results: readonly EmissionResult[], count: number): WhatIfTotals {
  return results.reduce(
    (acc, r, i) => ({
      // Split parts (generate + upscale) are one activity.
      activityCount: acc.activityCount + (i === 0 ? count : 0),
      energyKwh: acc.energyKwh + r.energyKwh.nominal * count,
      co2eG: addRanges(acc.co2eG, scaleRange(r.co2eG, count)),
      co2eMarketG: acc.co2eMarketG + r.co2eMarketG.nominal * count,
    }),
    t,
  );
}

const minus = (a: Range, b: Range): Range => ({
  low: a.low - b.low,
  nominal: a.nominal - b.nominal,
  high: a.high - b.high,
});

/** Counts, per scenario part, the activities it applied to and why it did not apply to others. */
class PartTally {
  applied = 0;
  readonly skipped = new Map<string, number>();
  constructor(readonly label: string) {}
  record(outcome: PartOutcome, count: number): void {
    if (outcome.applied) this.applied += count;
    else this.skipped.set(outcome.reason, (this.skipped.get(outcome.reason) ?? 0) + count);
  }
  note(total: number): string {
    const skipped = [...this.skipped].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const why = skipped.map(([reason, n]) => `${n} ${reason}`).join('; ');
    return `${this.label}: applied to ${this.applied} of ${total} activities${why ? `; not applied to ${why}` : ''}`;
  }
}

/**
 * Recomputes a project's stored activities as recorded and under a scenario, with the engine and
 * the tenant's factor set (docs/insights.md §5). Pure. A scenario the factor set cannot honour
 * throws MethodologyInputError naming `scenario.<field>`; an activity the engine refuses is left
 * out of both totals and listed in `problems`, the others go through.
 */
export function recomputeWhatIf(
  groups: readonly WhatIfActivityGroup[],
  scenarioInput: WhatIfScenario,
  options: ComputeOptions & { factorSet: FactorSet },
): WhatIfResult {
  const scenario = checkScenario(scenarioInput, options.factorSet);
  const compute = (a: Activity) => computeEmissions(a, options);
  const grid = scenario.country
    ? new PartTally(`grid ${scenario.country}`)
    : scenario.cloudProvider
      ? new PartTally(
          `grid ${scenario.cloudProvider}/${scenario.cloudRegion} (${scenario.cloudCountry})`,
        )
      : undefined;
  const pue = scenario.pue !== undefined ? new PartTally(`PUE ${scenario.pue}`) : undefined;
  const upscale =
    scenario.renderResolution === 'UPSCALE_FROM_720P'
      ? new PartTally('generate at 720p and upscale')
      : undefined;
  const shiftHours = scenario.carbonAwareShiftHours ?? 0;
  const seriesCountries = hourlySeriesCountries(options.factorSet);
  const hourly = seriesCountries.size > 0;
  const shift =
    shiftHours > 0 && hourly
      ? new PartTally(`carbon-aware shift up to ${shiftHours} h`)
      : undefined;
  const byKind = new Map<string, { actual: WhatIfTotals; scenario: WhatIfTotals }>();
  const problems = new Map<string, WhatIfProblem>();
  let total = 0;
  let onSet = 0;
  const problem = (stage: WhatIfProblem['stage'], error: unknown, count: number) => {
    const { field, reason } =
      error instanceof MethodologyInputError
        ? error
        : { field: 'result', reason: (error as Error).message };
    const key = `${stage}\u0000${field}\u0000${reason}`;
    const p = problems.get(key) ?? { stage, field, reason, activityCount: 0 };
    p.activityCount += count;
    problems.set(key, p);
  };

  for (const { activity, count } of groups) {
    let actual: EmissionResult;
    try {
      actual = compute(activity);
    } catch (error) {
      problem('as recorded', error, count);
      continue;
    }
    let scenarioResults: EmissionResult[];
    // Outcomes are tallied only once the scenario computed, so notes count the same activities as totals.
    const outcomes: Array<[PartTally, PartOutcome]> = [];
    try {
      let changed = activity;
      if (grid) {
        const g = applyGrid(changed, scenario);
        changed = g.activity;
        outcomes.push([grid, g.outcome]);
      }
      if (pue) {
        const p = applyPue(changed, actual, scenario.pue!);
        changed = p.activity;
        outcomes.push([pue, p.outcome]);
      }
      let parts = [changed];
      if (upscale) {
        const u = applyUpscaleFrom720p(changed);
        parts = u.activities;
        outcomes.push([upscale, u.outcome]);
      }
      if (shift && SHIFTABLE_KINDS.includes(activity.kind)) {
        const choice = lowestCarbonShift(parts, shiftHours, compute, seriesCountries);
        scenarioResults = choice.results;
        outcomes.push([
          shift,
          choice.hours > 0
            ? { applied: true }
            : {
                applied: false,
                reason: choice.hourlyCovered
                  ? 'no later hour has a lower intensity'
                  : 'no hourly series covers its grid and hours',
              },
        ]);
      } else {
        if (shift) outcomes.push([shift, { applied: false, reason: 'not shiftable batch work' }]);
        scenarioResults = parts.map(compute);
      }
    } catch (error) {
      problem('scenario', error, count);
      continue;
    }
    for (const [tally, outcome] of outcomes) tally.record(outcome, count);
    total += count;
    if (activity.kind === 'onset.energy') onSet += count;
    const line = byKind.get(activity.kind) ?? { actual: EMPTY, scenario: EMPTY };
    byKind.set(activity.kind, {
      actual: add(line.actual, [actual], count),
      scenario: add(line.scenario, scenarioResults, count),
    });
  }

  const notes = [grid, pue, upscale, shift]
    .filter((t) => t !== undefined)
    .map((t) => t.note(total));
  if (shiftHours > 0 && !hourly) {
    notes.push(
      `carbon-aware shift: not applied, factor set ${options.factorSet.version} holds no hourly grid intensity (grid.hourly.<CC>.<hour>); shiftable work stays as recorded`,
    );
  }
  if (scenario.lighting !== undefined) {
    notes.push(
      `lighting ${scenario.lighting}: not modelled — factor set ${options.factorSet.version} has no published efficacy (lm/W) per lighting type, and the on-set proxy's fixture draws are assumptions; ${onSet} on-set activities stay as recorded`,
    );
  }
  const lines = [...byKind]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, l]) => ({ kind, ...l, differenceG: minus(l.scenario.co2eG, l.actual.co2eG) }));
  const sum = (pick: (l: WhatIfKindLine) => WhatIfTotals) =>
    lines.reduce(
      (acc, l) => ({
        activityCount: acc.activityCount + pick(l).activityCount,
        energyKwh: acc.energyKwh + pick(l).energyKwh,
        co2eG: addRanges(acc.co2eG, pick(l).co2eG),
        co2eMarketG: acc.co2eMarketG + pick(l).co2eMarketG,
      }),
      EMPTY,
    );
  const actualTotals = sum((l) => l.actual);
  const scenarioTotals = sum((l) => l.scenario);
  const differenceG = minus(scenarioTotals.co2eG, actualTotals.co2eG);
  return {
    factorSetVersion: options.factorSet.version,
    actual: actualTotals,
    scenario: scenarioTotals,
    differenceG,
    differenceShare:
      actualTotals.co2eG.nominal > 0 ? differenceG.nominal / actualTotals.co2eG.nominal : null,
    byKind: lines,
    notes,
    problems: [...problems.values()],
  };
}
