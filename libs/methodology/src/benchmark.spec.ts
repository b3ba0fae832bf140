import { benchmarkValue, distribution, standing, type BenchmarkProject } from './benchmark';

const project = (over: Partial<BenchmarkProject>): BenchmarkProject => ({
  projectId: 'p',
  co2eG: 0,
  finishedMinutes: null,
  shootDays: null,
  episodes: null,
  finalArtifactSeconds: 0,
  ...over,
});

describe('benchmarks', () => {
  it('derives each KPI, null without its denominator', () => {
    const p = project({ co2eG: 1200, finishedMinutes: 60, shootDays: 4, episodes: null });
    expect(benchmarkValue('CO2E_TOTAL', p)).toBe(1200);
    expect(benchmarkValue('G_PER_FINISHED_MINUTE', p)).toBe(20);
    expect(benchmarkValue('G_PER_SHOOT_DAY', p)).toBe(300);
    expect(benchmarkValue('G_PER_EPISODE', p)).toBeNull();
    // 90 s of final artifacts = 1.5 minutes: 1,200 / 1.5 = 800.
    expect(
      benchmarkValue('G_PER_FINISHED_MINUTE', project({ co2eG: 1200, finalArtifactSeconds: 90 })),
    ).toBe(800);
  });

  it('gives quartiles by interpolation, rank and percentile, worked by hand', () => {
    const values = [40, 10, 30, 20, 50];
    // sorted 10 20 30 40 50: q1 at position 1 = 20, median 30, q3 at position 3 = 40.
    expect(distribution(values)).toEqual({
      projectCount: 5,
      best: 10,
      q1: 20,
      median: 30,
      q3: 40,
      worst: 50,
    });
    // 4 values: positions 0.75, 1.5, 2.25 → 17.5, 25, 32.5.
    expect(distribution([10, 20, 30, 40])).toMatchObject({ q1: 17.5, median: 25, q3: 32.5 });
    // 20 is second best: beats 3 of the 4 others → 75th percentile.
    expect(standing(20, values)).toEqual({ value: 20, rank: 2, percentile: 75 });
    expect(standing(10, values)).toEqual({ value: 10, rank: 1, percentile: 100 });
    expect(standing(50, values)).toEqual({ value: 50, rank: 5, percentile: 0 });
    expect(standing(7, [7])).toEqual({ value: 7, rank: 1, percentile: null });
    expect(distribution([])).toMatchObject({ projectCount: 0, median: null });
  });
});
