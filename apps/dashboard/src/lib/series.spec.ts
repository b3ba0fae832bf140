import { bucketLabel, periodRange, pivotSeries, weekStart } from './series';

describe('time series from the API', () => {
  it('finds the Monday of an ISO week', () => {
    expect(weekStart('2026-11-02')).toBe('2026-11-02');
    expect(weekStart('2026-11-08')).toBe('2026-11-02');
    expect(weekStart('2026-11-01')).toBe('2026-10-26'); // a Sunday belongs to the week before
  });

  // The API's answer for a week bucket: one point per activity kind.
  const points = [
    {
      bucketStart: '2026-11-02T00:00:00.000Z',
      key: 'render',
      co2eG: 30,
      co2eMarketG: 3,
      energyKwh: 0.5,
    },
    {
      bucketStart: '2026-11-02T00:00:00.000Z',
      key: 'travel',
      co2eG: 100,
      co2eMarketG: 100,
      energyKwh: 0,
    },
    {
      bucketStart: '2026-10-26T00:00:00.000Z',
      key: 'render',
      co2eG: 80,
      co2eMarketG: 8,
      energyKwh: 1,
    },
  ];

  it('makes one row per bucket, oldest first, each key its part of the total', () => {
    const { keys, rows } = pivotSeries(points, 'week', 'location');
    // render: 30 + 80 = 110 g over the window, travel 100 g: render first.
    expect(keys).toEqual(['render', 'travel']);
    expect(rows).toEqual([
      {
        start: '2026-10-26',
        label: 'week of 2026-10-26',
        co2eG: 80,
        energyKwh: 1,
        byKey: { render: 80 },
      },
      // 30 + 100 = 130 g; 0.5 + 0 kWh.
      {
        start: '2026-11-02',
        label: 'week of 2026-11-02',
        co2eG: 130,
        energyKwh: 0.5,
        byKey: { render: 30, travel: 100 },
      },
    ]);
  });

  it('uses the market-based figures when asked (contracts can reorder the keys)', () => {
    const { keys, rows } = pivotSeries(points, 'week', 'market');
    // render: 3 + 8 = 11 g, travel 100 g (no contract for fuel): travel first.
    expect(keys).toEqual(['travel', 'render']);
    expect(rows.map((r) => r.co2eG)).toEqual([8, 103]);
  });

  it('labels days, weeks and months as people read them', () => {
    expect(bucketLabel('2026-11-02T00:00:00.000Z', 'day')).toBe('2026-11-02');
    expect(bucketLabel('2026-11-02T00:00:00.000Z', 'week')).toBe('week of 2026-11-02');
    expect(bucketLabel('2026-11-01T00:00:00.000Z', 'month')).toBe('2026-11');
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
