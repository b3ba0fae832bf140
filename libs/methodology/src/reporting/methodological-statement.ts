import {
  addRanges,
  QUALITATIVE_RATINGS,
  ZERO_RANGE,
  type DataQualityTier,
  type EmissionResult,
  type QualitativeRating,
  type Range,
  type TrainingAllocationOption,
} from '@greenops/domain';
import { getFactor, type FactorSet } from '@greenops/factors';
import { MethodologyInputError } from '../errors';
import {
  CONDITIONAL_EXCLUSIONS,
  describeModel,
  FACTOR_ASSUMPTIONS,
  IDLE_CAPACITY_OMISSION,
  STANDING_EXCLUSIONS,
  UNCERTAINTY_METHOD,
  type Exclusion,
} from './statement-texts';

/** One group of a project's facts with the same tier and model (what a SQL GROUP BY returns). */
export interface StatementFactRow {
  tier: DataQualityTier;
  modelId: string;
  activityCount: number;
  /** Sums of the facts' low, nominal and high co2e (location-based). */
  co2eG: Range;
  /** Union of the facts' factor ids. */
  factorIds: readonly string[];
  /** Training options applied to the facts that carry model-creation emissions, with how many each. */
  trainingAllocations: ReadonlyArray<{ option: TrainingAllocationOption; activityCount: number }>;
  /** Distinct notes of the facts (extrapolation, proxy, fallbacks). */
  notes: readonly string[];
}

/** The parts of a result the statement reads. */
export type StatementFact = Pick<
  EmissionResult,
  'tier' | 'modelId' | 'factorIds' | 'co2eG' | 'trainingG' | 'trainingAllocation' | 'notes'
>;

export interface StatementInput {
  projectId: string;
  rows: readonly StatementFactRow[];
  /** The factor set the facts were computed with: sources, years and App. 5 ratings. */
  factorSet: FactorSet;
  methodologyVersions: readonly string[];
  factorSetVersions: readonly string[];
}

export interface StatementFactor {
  id: string;
  value: number;
  unit: string;
  source: string;
  year: number;
  low?: number;
  high?: number;
  /** CT 2026 App. 5 Table 13 rating, when the report gives one. */
  uncertaintyRating?: QualitativeRating;
  /** Hourly series collapse to one entry per grid: how many hours were used. */
  points?: number;
}

export interface MethodologicalStatement {
  projectId: string;
  reference: string;
  accounting: string;
  activityCount: number;
  co2eG: Range;
  /** Shares of nominal co2e by data-quality tier (CT 2026 Table 7 hierarchy); 0 with no emissions. */
  dataQuality: { measuredShare: number; modelledShare: number; proxyShare: number };
  methods: Array<{
    modelId: string;
    tier: DataQualityTier;
    description: string;
    activityCount: number;
    co2eG: Range;
    share: number;
  }>;
  trainingAllocation: {
    applied: Array<{ option: TrainingAllocationOption; activityCount: number }>;
    description: string;
  };
  factors: StatementFactor[];
  /** How many of the factors used carry each App. 5 rating ('unrated': the report gives none). */
  uncertaintyRatings: Record<QualitativeRating | 'unrated', number>;
  assumptions: string[];
  exclusions: Exclusion[];
  uncertainty: {
    band: Range;
    method: string;
    widestContributors: Array<{ modelId: string; bandWidthG: number }>;
  };
  notes: string[];
  methodologyVersions: string[];
  factorSetVersions: string[];
}

/** Rows a statement may summarise (groups, not facts: one call stays small). */
export const MAX_STATEMENT_ROWS = 10_000;

const HOURLY = /^grid\.hourly\.([A-Z]{2})\./;

/** Groups facts by (tier, model) as the gateway's SQL would: for callers holding results. */
export function summariseFacts(facts: readonly StatementFact[]): StatementFactRow[] {
  const groups = new Map<
    string,
    {
      tier: DataQualityTier;
      modelId: string;
      activityCount: number;
      co2eG: Range;
      factorIds: Set<string>;
      options: Map<TrainingAllocationOption, number>;
      notes: Set<string>;
    }
  >();
  for (const f of facts) {
    const key = `${f.tier}\u0000${f.modelId}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        tier: f.tier,
        modelId: f.modelId,
        activityCount: 0,
        co2eG: ZERO_RANGE,
        factorIds: new Set(),
        options: new Map(),
        notes: new Set(),
      };
      groups.set(key, g);
    }
    g.activityCount += 1;
    g.co2eG = addRanges(g.co2eG, f.co2eG);
    f.factorIds.forEach((id) => g.factorIds.add(id));
    // Only facts with model creation were allocated by an option; the rest just record the policy.
    if (f.trainingG.high > 0)
      g.options.set(f.trainingAllocation, (g.options.get(f.trainingAllocation) ?? 0) + 1);
    f.notes.forEach((n) => g.notes.add(n));
  }
  return [...groups.values()].map((g) => ({
    tier: g.tier,
    modelId: g.modelId,
    activityCount: g.activityCount,
    co2eG: g.co2eG,
    factorIds: [...g.factorIds].sort(),
    trainingAllocations: [...g.options].map(([option, activityCount]) => ({
      option,
      activityCount,
    })),
    notes: [...g.notes].sort(),
  }));
}

/**
 * The methodological statement CT 2026 asks every report to carry (§7.7, §8.2), generated from
 * the project's facts: how much is measured, modelled or proxy; the methods and model ids; the
 * factor set, each factor's source and App. 5 rating; the training allocation option; the key
 * assumptions; the exclusions with their justification; and the uncertainty band and how it
 * was summed. Pure: the same facts and factor set give the same statement.
 */
export function buildMethodologicalStatement(input: StatementInput): MethodologicalStatement {
  const { rows } = input;
  if (!Array.isArray(rows) || rows.length > MAX_STATEMENT_ROWS) {
    throw new MethodologyInputError(
      'rows',
      `must be an array of at most ${MAX_STATEMENT_ROWS} groups`,
    );
  }
  rows.forEach((r, i) => {
    const ok =
      Number.isInteger(r.activityCount) &&
      r.activityCount >= 0 &&
      [r.co2eG.low, r.co2eG.nominal, r.co2eG.high].every(Number.isFinite);
    if (!ok) {
      throw new MethodologyInputError(
        `rows[${i}]`,
        'needs a whole activityCount and finite co2eG low/nominal/high',
      );
    }
  });
  const co2eG = addRanges(...rows.map((r) => r.co2eG));
  const activityCount = rows.reduce((n, r) => n + r.activityCount, 0);
  const share = (g: number) => (co2eG.nominal > 0 ? g / co2eG.nominal : 0);
  const byTier = (tier: DataQualityTier) =>
    share(rows.filter((r) => r.tier === tier).reduce((g, r) => g + r.co2eG.nominal, 0));

  const factorIds = new Set(rows.flatMap((r) => r.factorIds));
  const factors = statementFactors(factorIds, input.factorSet);
  const uncertaintyRatings = Object.fromEntries(
    [...QUALITATIVE_RATINGS, 'unrated'].map((r) => [r, 0]),
  ) as Record<QualitativeRating | 'unrated', number>;
  for (const f of factors) uncertaintyRatings[f.uncertaintyRating ?? 'unrated'] += 1;

  const options = new Map<TrainingAllocationOption, number>();
  for (const r of rows) {
    for (const t of r.trainingAllocations)
      options.set(t.option, (options.get(t.option) ?? 0) + t.activityCount);
  }

  return {
    projectId: input.projectId,
    reference:
      'Carbon Trust, "The carbon impact of AI video generation", June 2026: boundary §6.1, functional units §6.2, allocation §6.3, statement §7.7 and §8.2',
    accounting:
      'lifecycle (operational, embodied, model creation, software development), location-based; market-based reported alongside (GHG Protocol Scope 2 dual reporting)',
    activityCount,
    co2eG,
    dataQuality: {
      measuredShare: byTier('measured'),
      modelledShare: byTier('modelled'),
      proxyShare: byTier('proxy'),
    },
    methods: [...rows]
      .sort((a, b) => b.co2eG.nominal - a.co2eG.nominal || a.modelId.localeCompare(b.modelId))
      .map((r) => ({
        modelId: r.modelId,
        tier: r.tier,
        description: describeModel(r.modelId),
        activityCount: r.activityCount,
        co2eG: r.co2eG,
        share: share(r.co2eG.nominal),
      })),
    trainingAllocation: {
      applied: [...options]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([option, n]) => ({ option, activityCount: n })),
      description:
        "CT 2026 Table 6: model-creation emissions allocated per unit of inference energy (1a, the report's choice, App. 2) or per inference (1b). Models without a per-inference figure are allocated by 1a whatever the choice, and say so in their notes.",
    },
    factors,
    uncertaintyRatings,
    assumptions: assumptions(factorIds, input.factorSet),
    exclusions: exclusions(rows),
    uncertainty: {
      band: co2eG,
      method: UNCERTAINTY_METHOD,
      widestContributors: [...rows]
        .map((r) => ({ modelId: r.modelId, bandWidthG: r.co2eG.high - r.co2eG.low }))
        .sort((a, b) => b.bandWidthG - a.bandWidthG || a.modelId.localeCompare(b.modelId))
        .slice(0, 3),
    },
    notes: [...new Set(rows.flatMap((r) => r.notes))].sort(),
    methodologyVersions: [...new Set(input.methodologyVersions)].sort(),
    factorSetVersions: [...new Set(input.factorSetVersions)].sort(),
  };
}

/** Every factor used, with its citation; an hourly series is one entry per grid. */
function statementFactors(ids: Set<string>, set: FactorSet): StatementFactor[] {
  const out: StatementFactor[] = [];
  const hourly = new Map<
    string,
    { values: number[]; source: string; year: number; unit: string }
  >();
  for (const id of [...ids].sort()) {
    const f = getFactor(set, id);
    if (!f) continue;
    const h = HOURLY.exec(id);
    if (h) {
      const entry = hourly.get(h[1]) ?? {
        values: [],
        source: f.source,
        year: f.year,
        unit: f.unit,
      };
      entry.values.push(f.value);
      hourly.set(h[1], entry);
      continue;
    }
    out.push({
      id: f.id,
      value: f.value,
      unit: f.unit,
      source: f.source,
      year: f.year,
      ...(f.low !== undefined ? { low: f.low } : {}),
      ...(f.high !== undefined ? { high: f.high } : {}),
      ...(f.uncertaintyRating ? { uncertaintyRating: f.uncertaintyRating } : {}),
    });
  }
  for (const [cc, e] of hourly) {
    const mean = e.values.reduce((a, b) => a + b, 0) / e.values.length;
    out.push({
      id: `grid.hourly.${cc}.*`,
      value: mean,
      low: Math.min(...e.values),
      high: Math.max(...e.values),
      unit: e.unit,
      source: e.source,
      year: e.year,
      points: e.values.length,
    });
  }
  return out;
}

/** The report's key assumptions that apply, then every GreenOps assumption among the factors. */
function assumptions(ids: Set<string>, set: FactorSet): string[] {
  const out: string[] = [];
  for (const id of [...ids].sort()) {
    if (FACTOR_ASSUMPTIONS[id]) out.push(FACTOR_ASSUMPTIONS[id]);
  }
  for (const id of [...ids].sort()) {
    const f = getFactor(set, id);
    if (f && f.source.includes('GreenOps assumption') && !FACTOR_ASSUMPTIONS[id]) {
      out.push(`${id}: ${f.note ?? f.source}`);
    }
  }
  return out;
}

function exclusions(rows: readonly StatementFactRow[]): Exclusion[] {
  const out = [...STANDING_EXCLUSIONS];
  for (const { when, exclusion } of CONDITIONAL_EXCLUSIONS) {
    if (rows.some((r) => when.test(r.modelId))) out.push(exclusion);
  }
  if (!rows.some((r) => /\.idle-capacity$/.test(r.modelId))) out.push(IDLE_CAPACITY_OMISSION);
  return out;
}
