import { z } from 'zod';
import { ConfigurationError, parseEnv, spanTimeLimitsEnv } from './index';

const schema = z.object(spanTimeLimitsEnv);

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(schema, env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('span time limits from the environment', () => {
  it('leaves both unset when absent (the ingest defaults apply)', () => {
    expect(parseEnv(schema, {})).toEqual({});
  });

  it.each<[string, string, number]>([
    ['an ISO instant', '2010-06-01T12:00:00Z', Date.UTC(2010, 5, 1, 12)],
    ['an offset', '2010-06-01T14:00:00+02:00', Date.UTC(2010, 5, 1, 12)],
    ['a date (midnight UTC)', '2010-06-01', Date.UTC(2010, 5, 1)],
  ])('GREENOPS_SPAN_EARLIEST: %s', (_label, value, expectedMs) => {
    expect(parseEnv(schema, { GREENOPS_SPAN_EARLIEST: value }).GREENOPS_SPAN_EARLIEST).toBe(
      expectedMs,
    );
  });

  it.each<[string, number]>([
    ['24h', 86_400_000],
    ['90m', 5_400_000],
    ['90min', 5_400_000],
    ['30s', 30_000],
    ['30', 30_000],
    ['2d', 172_800_000],
    ['0', 0],
    ['1.5h', 5_400_000],
  ])('GREENOPS_SPAN_MAX_FUTURE_SKEW=%s is %d ms', (value, expectedMs) => {
    expect(
      parseEnv(schema, { GREENOPS_SPAN_MAX_FUTURE_SKEW: value }).GREENOPS_SPAN_MAX_FUTURE_SKEW,
    ).toBe(expectedMs);
  });

  it('lists every bad variable with its reason', () => {
    expect(
      problems({ GREENOPS_SPAN_EARLIEST: 'yesterday', GREENOPS_SPAN_MAX_FUTURE_SKEW: 'a day' }),
    ).toEqual([
      'GREENOPS_SPAN_EARLIEST: must be an ISO 8601 instant with a time zone, e.g. 2000-01-01T00:00:00Z',
      'GREENOPS_SPAN_MAX_FUTURE_SKEW: must be a duration such as 24h, 90m, 30s or 2d',
    ]);
    expect(
      problems({ GREENOPS_SPAN_EARLIEST: '2999-01-01', GREENOPS_SPAN_MAX_FUTURE_SKEW: '31d' }),
    ).toEqual([
      'GREENOPS_SPAN_EARLIEST: must not be in the future',
      'GREENOPS_SPAN_MAX_FUTURE_SKEW: must be at most 30d',
    ]);
    expect(problems({ GREENOPS_SPAN_EARLIEST: '2010-06-01T12:00:00' })).toEqual([
      'GREENOPS_SPAN_EARLIEST: must be an ISO 8601 instant with a time zone, e.g. 2000-01-01T00:00:00Z',
    ]);
  });
});
