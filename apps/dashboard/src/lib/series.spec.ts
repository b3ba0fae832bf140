import { periodRange, rollUp, weekStart } from './series';

describe('time series roll-up', () => {
  // 2026-11-02 is a Monday; 2026-11-08 a Sunday; 2026-11-09 the next Monday.
  const days = [
    { day: '2026-10-30', co2eG: 100, energyKwh: 1 },
    { day: '2026-11-02', co2eG: 10, energyKwh: 0.5 },
    { day: '2026-11-08', co2eG: 20, energyKwh: 0.25 },
    { day: '2026-11-09', co2eG: 40, energyKwh: 2 },
  ];

  it('finds the Monday of an ISO week', () => {
    expect(weekStart('2026-11-02')).toBe('2026-11-02');
    expect(weekStart('2026-11-08')).toBe('2026-11-02');
    expect(weekStart('2026-11-01')).toBe('2026-10-26'); // a Sunday belongs to the week before
  });

  it('keeps days as they are', () => {
    expect(rollUp(days, 'day').map((p) => [p.label, p.co2eG])).toEqual([
      ['2026-10-30', 100],
      ['2026-11-02', 10],
      ['2026-11-08', 20],
      ['2026-11-09', 40],
    ]);
  });

  it('sums weeks (Monday to Sunday)', () => {
    // week of 10-26: 100 g, 1 kWh; week of 11-02: 10 + 20 = 30 g, 0.75 kWh; week of 11-09: 40 g.
    expect(rollUp(days, 'week')).toEqual([
      { start: '2026-10-26', label: 'week of 2026-10-26', co2eG: 100, energyKwh: 1 },
      { start: '2026-11-02', label: 'week of 2026-11-02', co2eG: 30, energyKwh: 0.75 },
      { start: '2026-11-09', label: 'week of 2026-11-09', co2eG: 40, energyKwh: 2 },
    ]);
  });

  it('sums calendar months', () => {
    // October: 100 g; November: 10 + 20 + 40 = 70 g, 2.75 kWh.
    expect(rollUp(days, 'month')).toEqual([
      { start: '2026-10-01', label: '2026-10', co2eG: 100, energyKwh: 1 },
      { start: '2026-11-01', label: '2026-11', co2eG: 70, energyKwh: 2.75 },
    ]);
  });

  it('asks for the last N UTC days, today included, within the 366-day limit of daily()', () => {
    expect(periodRange(30, new Date('2026-11-29T17:00:00Z'))).toEqual({
      from: '2026-10-31T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
    });
    const year = periodRange(365, new Date('2026-11-29T00:00:00Z'));
    expect((Date.parse(year.to) - Date.parse(year.from)) / 86_400_000).toBe(365);
  });
});
