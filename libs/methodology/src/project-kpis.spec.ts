import { projectKpis, type KpiGroup, type KpiInputs } from './project-kpis';

const group = (over: Partial<KpiGroup>): KpiGroup => ({
  kind: 'render',
  scope: 2,
  category: 'electricity',
  tier: 'measured',
  co2eG: 0,
  co2eMarketG: 0,
  lowG: 0,
  highG: 0,
  energyKwh: 0,
  activityCount: 0,
  discardedG: 0,
  ...over,
});

const EMPTY: KpiInputs = {
  groups: [],
  measures: { gpuHours: 0, storageTbMonths: 0, transferTb: 0 },
  generated: [],
  iterations: { iterations: 0, approvedShots: 0 },
  finalArtifactSeconds: 0,
  declaration: null,
};

describe('projectKpis', () => {
  it('normalises by declared units and splits by kind, scope and tier, worked by hand', () => {
    const k = projectKpis({
      ...EMPTY,
      groups: [
        // 6 kWh of renders at 100 g/kWh (market 40), 100 g of them discarded.
        group({ co2eG: 600, co2eMarketG: 240, energyKwh: 6, activityCount: 3, discardedG: 100 }),
        // 2 TB-months of storage used 1 kWh: 0.5 kWh per TB-month.
        group({
          kind: 'storage',
          tier: 'proxy',
          co2eG: 100,
          co2eMarketG: 40,
          energyKwh: 1,
          activityCount: 1,
        }),
        // Transfer of 0.5 TB used 57 kWh: 114 kWh per TB.
        group({
          kind: 'transfer',
          scope: 3,
          category: 'cat1',
          tier: 'proxy',
          co2eG: 300,
          energyKwh: 57,
          activityCount: 1,
        }),
      ],
      measures: { gpuHours: 8, storageTbMonths: 2, transferTb: 0.5 },
      iterations: { iterations: 5, approvedShots: 2 },
      declaration: { finishedMinutes: 10, shootDays: 4 },
    });
    // total 600 + 100 + 300 = 1,000 g
    expect(k.co2eG).toBe(1000);
    expect(k.gPerFinishedMinute).toBe(100); // 1,000 g / 10 min
    expect(k.finishedMinutesSource).toBe('DECLARED');
    expect(k.gPerShootDay).toBe(250); // 1,000 g / 4 days
    expect(k.kwhPerTbMonthStored).toBe(0.5);
    expect(k.kwhPerTbMoved).toBe(114);
    expect(k.iterationsPerApprovedShot).toBe(2.5);
    expect(k.discardedShare).toBe(0.1);
    expect(k.byKind.map((s) => [s.key, s.share])).toEqual([
      ['render', 0.6],
      ['storage', 0.1],
      ['transfer', 0.3],
    ]);
    expect(k.byScope.map((s) => [s.key, s.co2eG])).toEqual([
      ['2/electricity', 700],
      ['3/cat1', 300],
    ]);
    expect(k.dataQuality.map((s) => [s.key, s.activityCount])).toEqual([
      ['measured', 3],
      ['proxy', 2],
    ]);
  });

  it('falls back to the final artifacts for finished minutes, and answers null, never NaN', () => {
    const k = projectKpis({
      ...EMPTY,
      groups: [group({ co2eG: 90, activityCount: 1 })],
      finalArtifactSeconds: 45, // 0.75 minutes
    });
    expect(k.finishedMinutes).toBe(0.75);
    expect(k.finishedMinutesSource).toBe('FINAL_ARTIFACTS');
    expect(k.gPerFinishedMinute).toBe(120); // 90 g / 0.75 min
    expect(k.gPerShootDay).toBeNull();
    expect(k.kwhPerTbMonthStored).toBeNull();
    expect(k.iterationsPerApprovedShot).toBeNull();
    const empty = projectKpis(EMPTY);
    expect(empty.discardedShare).toBeNull();
    expect(empty.finishedMinutesSource).toBeNull();
  });
});
