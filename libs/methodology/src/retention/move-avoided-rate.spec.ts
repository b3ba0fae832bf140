import { moveAvoidedGPerDay } from './move-avoided-rate';

describe('moveAvoidedGPerDay', () => {
  it('subtracts intervals: low = now low − target high, high = now high − target low', () => {
    // 10 TB HDD → tape at PUE 1.5, 200 g/kWh (libs/factors storage.factors.ts, CCF HDD
    // 0.65 (0.325–0.975) Wh/TB-h; tape 0.065 (0–0.65)): 46.8 (23.4–70.2) → 4.68 (0–46.8) g/day.
    const avoided = moveAvoidedGPerDay(
      { low: 23.4, nominal: 46.8, high: 70.2 },
      { low: 0, nominal: 4.68, high: 46.8 },
    );
    expect(avoided.low).toBe(0); // 23.4 − 46.8 < 0
    expect(avoided.nominal).toBeCloseTo(42.12, 9);
    expect(avoided.high).toBeCloseTo(70.2, 9);
  });

  it('never goes below zero: a dearer tier avoids nothing at nominal', () => {
    // HDD 46.8 g/day → SSD 1.2 Wh/TB-h: 10 × 24 × 1.2 × 1.5 / 1000 × 200 = 86.4 (43.2–129.6).
    expect(
      moveAvoidedGPerDay(
        { low: 23.4, nominal: 46.8, high: 70.2 },
        { low: 43.2, nominal: 86.4, high: 129.6 },
      ),
    ).toEqual({ low: 0, nominal: 0, high: 70.2 - 43.2 });
  });
});
