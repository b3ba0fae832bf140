/**
 * A production's KPIs (green-production guide §11; Carbon Trust 2026 §7.7), derived from the
 * sums the store reads. Pure: every ratio is null when its denominator is zero or unknown,
 * never Infinity or NaN.
 */
export interface KpiGroup {
  kind: string;
  scope: number;
  category: string;
  tier: string;
  co2eG: number;
  co2eMarketG: number;
  lowG: number;
  highG: number;
  energyKwh: number;
  activityCount: number;
  /** Of co2eG: emitted for artifacts that ended discarded (rejected, superseded …). */
  discardedG: number;
}

export interface KpiInputs {
  groups: readonly KpiGroup[];
  measures: { gpuHours: number; storageTbMonths: number; transferTb: number };
  generated: ReadonlyArray<{
    modality: string;
    model: string | null;
    resolution: string | null;
    videos: number;
    seconds: number;
    images: number;
    co2eG: number;
  }>;
  iterations: { iterations: number; approvedShots: number };
  finalArtifactSeconds: number;
  declaration: { finishedMinutes: number | null; shootDays: number | null } | null;
}

export interface KpiSplit {
  key: string;
  co2eG: number;
  co2eMarketG: number;
  energyKwh: number;
  activityCount: number;
  /** Of the project's location-based total in the window, 0..1 (null when that total is 0). */
  share: number | null;
}

export interface ProjectKpis {
  co2eG: number;
  co2eMarketG: number;
  lowG: number;
  highG: number;
  energyKwh: number;
  activityCount: number;
  finishedMinutes: number | null;
  /** Where finishedMinutes comes from: the declaration, or the final artifacts' durations. */
  finishedMinutesSource: 'DECLARED' | 'FINAL_ARTIFACTS' | null;
  gPerFinishedMinute: number | null;
  shootDays: number | null;
  gPerShootDay: number | null;
  gpuHours: number;
  storageTbMonths: number;
  kwhPerTbMonthStored: number | null;
  transferTb: number;
  kwhPerTbMoved: number | null;
  generated: KpiInputs['generated'];
  iterations: number;
  approvedShots: number;
  iterationsPerApprovedShot: number | null;
  discardedG: number;
  discardedShare: number | null;
  byScope: KpiSplit[];
  byKind: KpiSplit[];
  dataQuality: KpiSplit[];
}

const ratio = (numerator: number, denominator: number | null): number | null =>
  denominator === null || denominator <= 0 ? null : numerator / denominator;

function split(groups: readonly KpiGroup[], keyOf: (g: KpiGroup) => string, total: number) {
  const byKey = new Map<string, KpiSplit>();
  for (const g of groups) {
    const key = keyOf(g);
    const s = byKey.get(key) ?? {
      key,
      co2eG: 0,
      co2eMarketG: 0,
      energyKwh: 0,
      activityCount: 0,
      share: null,
    };
    s.co2eG += g.co2eG;
    s.co2eMarketG += g.co2eMarketG;
    s.energyKwh += g.energyKwh;
    s.activityCount += g.activityCount;
    byKey.set(key, s);
  }
  return [...byKey.values()]
    .map((s) => ({ ...s, share: ratio(s.co2eG, total) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function projectKpis(input: KpiInputs): ProjectKpis {
  const sum = (field: keyof Omit<KpiGroup, 'kind' | 'scope' | 'category' | 'tier'>) =>
    input.groups.reduce((acc, g) => acc + g[field], 0);
  const co2eG = sum('co2eG');
  const energyOf = (kind: string) =>
    input.groups.filter((g) => g.kind === kind).reduce((acc, g) => acc + g.energyKwh, 0);
  const declaredMinutes = input.declaration?.finishedMinutes ?? null;
  const finishedMinutes =
    declaredMinutes !== null
      ? declaredMinutes
      : input.finalArtifactSeconds > 0
        ? input.finalArtifactSeconds / 60
        : null;
  const shootDays = input.declaration?.shootDays ?? null;
  const discardedG = sum('discardedG');
  return {
    co2eG,
    co2eMarketG: sum('co2eMarketG'),
    lowG: sum('lowG'),
    highG: sum('highG'),
    energyKwh: sum('energyKwh'),
    activityCount: sum('activityCount'),
    finishedMinutes,
    finishedMinutesSource:
      declaredMinutes !== null ? 'DECLARED' : finishedMinutes !== null ? 'FINAL_ARTIFACTS' : null,
    gPerFinishedMinute: ratio(co2eG, finishedMinutes),
    shootDays,
    gPerShootDay: ratio(co2eG, shootDays),
    gpuHours: input.measures.gpuHours,
    storageTbMonths: input.measures.storageTbMonths,
    kwhPerTbMonthStored: ratio(energyOf('storage'), input.measures.storageTbMonths),
    transferTb: input.measures.transferTb,
    kwhPerTbMoved: ratio(energyOf('transfer'), input.measures.transferTb),
    generated: input.generated,
    iterations: input.iterations.iterations,
    approvedShots: input.iterations.approvedShots,
    iterationsPerApprovedShot: ratio(input.iterations.iterations, input.iterations.approvedShots),
    discardedG,
    discardedShare: ratio(discardedG, co2eG),
    byScope: split(input.groups, (g) => `${g.scope}/${g.category}`, co2eG),
    byKind: split(input.groups, (g) => g.kind, co2eG),
    dataQuality: split(input.groups, (g) => g.tier, co2eG),
  };
}
