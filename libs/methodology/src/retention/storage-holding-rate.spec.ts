import { activity } from '../testing/activity.fixture';
import { MethodologyInputError } from '../errors';
import { storageHoldingRate } from './storage-holding-rate';

// Storage model (docs/methodology.md): IT Wh = TB × hours × Wh/TB-h (by media) × copies, × PUE,
// × grid intensity. Wh/TB-h (Cloud Carbon Footprint storage coefficients, band ±50 %):
// HDD 0.65 (0.325–0.975), SSD 1.2 (0.6–1.8), object 0.65 with 3 copies; tape 0.065 (0–0.65).
// These spans state PUE 1.5 and 200 g/kWh, so only the storage factors vary.
const span = (bytes: number, extra: object = {}) =>
  activity(
    'storage',
    { storage: { bytes, media: 'hdd', ...extra }, pue: 1.5, intensityGPerKwh: 200 },
    3600,
  );

describe('storageHoldingRate: one day of holding, by the storage model', () => {
  it('10 TB on HDD: 46.8 g CO2e a day (23.4–70.2), whatever the span lasted', () => {
    const rate = storageHoldingRate(span(1e13));
    // 10 TB × 24 h × 1 copy = 240 TB-h; × 0.65 Wh = 156 Wh IT; × 1.5 = 234 Wh = 0.234 kWh;
    // × 200 g/kWh = 46.8 g. Low: 240 × 0.325 × 1.5 / 1000 × 200 = 23.4; high: × 0.975 → 70.2.
    expect(rate.media).toBe('hdd');
    expect(rate.co2eGPerDay.nominal).toBeCloseTo(46.8, 9);
    expect(rate.co2eGPerDay.low).toBeCloseTo(23.4, 9);
    expect(rate.co2eGPerDay.high).toBeCloseTo(70.2, 9);
  });

  it('gives the rate on every other tier for MOVE policies', () => {
    const rate = storageHoldingRate(span(1e13));
    // tape: 240 × 0.065 = 15.6 Wh × 1.5 = 23.4 Wh → 4.68 g; high 240 × 0.65 → 46.8 g; low 0
    expect(rate.co2eGPerDayByMedia.tape.nominal).toBeCloseTo(4.68, 9);
    expect(rate.co2eGPerDayByMedia.tape.low).toBe(0);
    expect(rate.co2eGPerDayByMedia.tape.high).toBeCloseTo(46.8, 9);
    // ssd: 240 × 1.2 = 288 Wh × 1.5 = 432 Wh → 86.4 g
    expect(rate.co2eGPerDayByMedia.ssd.nominal).toBeCloseTo(86.4, 9);
    // object without explicit replication: 3 copies → 3 × 46.8 = 140.4 g
    expect(rate.co2eGPerDayByMedia.object.nominal).toBeCloseTo(140.4, 9);
  });

  it('keeps an explicit replication on every tier', () => {
    const rate = storageHoldingRate(span(1e13, { replication: 2 }));
    // 2 copies: 2 × 46.8 = 93.6 g on HDD; object keeps 2 copies: 93.6 g too
    expect(rate.co2eGPerDay.nominal).toBeCloseTo(93.6, 9);
    expect(rate.co2eGPerDayByMedia.object.nominal).toBeCloseTo(93.6, 9);
  });

  it('refuses an activity that is not storage', () => {
    expect(() => storageHoldingRate(activity('render', { energyKwh: 1 }))).toThrow(
      MethodologyInputError,
    );
  });
});
