import { DEFAULT_FACTOR_SET } from '@greenops/factors';
import { describeFactors } from './activity-factors';

describe('describeFactors', () => {
  it("gives each cited id its set's value, unit, source and year; unknown ids keep only the id", () => {
    const [id, known] = Object.entries(DEFAULT_FACTOR_SET.factors)[0]!;
    expect(describeFactors([id, 'no.such.factor', 'constructor'], DEFAULT_FACTOR_SET)).toEqual([
      { id, value: known.value, unit: known.unit, source: known.source, year: known.year },
      { id: 'no.such.factor', value: null, unit: null, source: null, year: null },
      { id: 'constructor', value: null, unit: null, source: null, year: null },
    ]);
    expect(describeFactors(['x'], null)).toEqual([
      { id: 'x', value: null, unit: null, source: null, year: null },
    ]);
  });
});
