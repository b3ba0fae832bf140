import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(new Set(first).size).toBe(5);
  });

  it('keeps between() within its bounds and reaches both ends', () => {
    const random = new SeededRandom(7);
    const seen = new Set(Array.from({ length: 500 }, () => random.between(2, 4)));
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });
});
