import { mergeOffsets } from './offset-merge';

describe('mergeOffsets', () => {
  it('keeps the highest offset per group/topic/partition, compared as int64', () => {
    expect(
      mergeOffsets([
        { group: 'g', topic: 't', partition: 0, nextOffset: '9' },
        { group: 'g', topic: 't', partition: 0, nextOffset: '10' }, // numerically larger, lexically smaller
        { group: 'g', topic: 't', partition: 1, nextOffset: '9007199254740993' },
        { group: 'g', topic: 't', partition: 1, nextOffset: '9007199254740992' },
      ]),
    ).toEqual([
      { group: 'g', topic: 't', partition: 0, nextOffset: '10' },
      { group: 'g', topic: 't', partition: 1, nextOffset: '9007199254740993' },
    ]);
  });

  it('names bad fields', () => {
    expect(() =>
      mergeOffsets([{ group: 'g', topic: 't', partition: 0, nextOffset: '1e3' }]),
    ).toThrow(/offsets\[0\]\.nextOffset/);
    expect(() =>
      mergeOffsets([{ group: 'g', topic: 't', partition: 0, nextOffset: '9223372036854775808' }]),
    ).toThrow(/offsets\[0\]\.nextOffset/);
    expect(() =>
      mergeOffsets([{ group: 'g', topic: 't', partition: -1, nextOffset: '0' }]),
    ).toThrow(/offsets\[0\]\.partition/);
  });
});
