import { describePercentile, formatRank, productionTypeLabel } from './standing';

describe('benchmark standing in words', () => {
  it('gives the rank among the cohort, or a dash without one', () => {
    expect(formatRank({ rank: 2, percentile: 75, cohort: { projectCount: 5 } })).toBe('2 of 5');
    expect(formatRank({ rank: null, percentile: null, cohort: { projectCount: 5 } })).toBe('–');
    expect(formatRank(null)).toBe('–');
  });

  it('says the percentile only when there are others to compare with', () => {
    expect(describePercentile({ rank: 2, percentile: 75, cohort: { projectCount: 5 } })).toBe(
      'as good as or better than 75 % of the others',
    );
    expect(
      describePercentile({ rank: 1, percentile: 100, cohort: { projectCount: 1 } }),
    ).toBeUndefined();
  });

  it('names production types as people write them', () => {
    expect(productionTypeLabel('MUSIC_VIDEO')).toBe('music video');
    expect(productionTypeLabel('SERIES')).toBe('series');
  });
});
