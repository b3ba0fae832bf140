import { sciPerUnit } from './sci-score';

describe('sciPerUnit', () => {
  it('divides carbon and its band by the functional units', () => {
    // 350 g (315–385 g) over 5 finished videos = 70 g per video (63–77 g)
    expect(sciPerUnit({ low: 315, nominal: 350, high: 385 }, 5)).toEqual({
      low: 63,
      nominal: 70,
      high: 77,
    });
  });

  it('names the field when there is nothing to divide by', () => {
    expect(() => sciPerUnit({ low: 1, nominal: 1, high: 1 }, 0, 'per.quantity')).toThrow(
      expect.objectContaining({ field: 'per.quantity' }),
    );
  });
});
