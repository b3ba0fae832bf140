import { isoFromEpochMs } from './iso-instant';

describe('isoFromEpochMs', () => {
  it('writes what Date#toISOString writes, over the whole 4-digit-year range', () => {
    const samples: number[] = [];
    // Every day boundary (and the millisecond either side) from 1968 to 2104: leap years,
    // 2000 (divisible by 400), 2100 (by 100, not a leap year).
    for (let ms = Date.UTC(1968, 0, 1); ms < Date.UTC(2104, 0, 1); ms += 86400000)
      samples.push(ms - 1, ms, ms + 1);
    // The ends of the range, and a spread of instants over it (a fixed linear congruential walk).
    samples.push(-62167219200000, -62167219200000 + 1, 253402300800000 - 1, 0, -1, 951782400000);
    let x = 12345;
    for (let i = 0; i < 50000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      samples.push(-62167219200000 + Math.floor((x / 2147483648) * 315569520000000));
    }
    for (const ms of samples) {
      const expected = new Date(ms).toISOString();
      if (isoFromEpochMs(ms) !== expected) expect([ms, isoFromEpochMs(ms)]).toEqual([ms, expected]);
    }
  });

  it('leaves other years and non-integers to Date', () => {
    expect(isoFromEpochMs(253402300800000)).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoFromEpochMs(-62167219200001)).toBe('-000001-12-31T23:59:59.999Z');
    expect(isoFromEpochMs(1.5)).toBe('1970-01-01T00:00:00.001Z');
    expect(() => isoFromEpochMs(Number.NaN)).toThrow(RangeError);
  });

  it('spells a known instant', () => {
    // 2026-11-02 is day 20,759 after 1970-01-01 (56 years, 14 of them leap, + 305 days): 20,759 × 86,400,000 ms + 9 h + 123 ms.
    expect(isoFromEpochMs(20759 * 86400000 + 9 * 3600000 + 123)).toBe('2026-11-02T09:00:00.123Z');
  });
});
