import { mondayOf, sparklinePoints, weeklyTotals } from './trend';

describe('portfolio trend', () => {
  it('sums kinds per week and fills the weeks without data with 0', () => {
    const totals = weeklyTotals(
      [
        { bucketStart: '2026-11-09T00:00:00.000Z', co2eG: 100 },
        { bucketStart: '2026-11-09T00:00:00.000Z', co2eG: 50 }, // another kind, same week
        { bucketStart: '2026-11-23T00:00:00.000Z', co2eG: 30 },
      ],
      '2026-11-23',
      3,
    );
    // 100 + 50 = 150 in the week of 9 November; nothing in the week of 16 November.
    expect(totals).toEqual([
      { week: '2026-11-09', co2eG: 150 },
      { week: '2026-11-16', co2eG: 0 },
      { week: '2026-11-23', co2eG: 30 },
    ]);
  });

  it('draws the largest week at the top of the box and 0 at the bottom', () => {
    // 3 points over 100 px: x = 0, 50, 100; y = 20 − v / 150 × 20 → 0, 20, 16.
    expect(
      sparklinePoints(
        [
          { week: 'a', co2eG: 150 },
          { week: 'b', co2eG: 0 },
          { week: 'c', co2eG: 30 },
        ],
        100,
        20,
      ),
    ).toBe('0,0 50,20 100,16');
    expect(sparklinePoints([{ week: 'a', co2eG: 0 }], 100, 20)).toBe('0,20');
  });

  it('finds the Monday of a week (UTC)', () => {
    expect(mondayOf(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-23'); // a Sunday
    expect(mondayOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23');
  });
});
