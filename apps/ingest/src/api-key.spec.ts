import { extractApiKey } from './api-key';

describe('extractApiKey', () => {
  it.each<[string, Parameters<typeof extractApiKey>[0], string | undefined]>([
    ['bearer token', { authorization: 'Bearer k-123' }, 'k-123'],
    ['bearer, any case, extra spaces', { authorization: '  bEaReR   k-123 ' }, 'k-123'],
    ['x-api-key', { 'x-api-key': 'k-456' }, 'k-456'],
    ['bearer wins over x-api-key', { authorization: 'Bearer a', 'x-api-key': 'b' }, 'a'],
    [
      'basic auth is not a key, falls back to x-api-key',
      { authorization: 'Basic YTpi', 'x-api-key': 'b' },
      'b',
    ],
    ['repeated header: first value', { 'x-api-key': ['one', 'two'] }, 'one'],
    ['nothing', {}, undefined],
    ['empty values', { authorization: 'Bearer ', 'x-api-key': '  ' }, undefined],
  ])('%s', (_label, headers, expected) => {
    expect(extractApiKey(headers)).toBe(expected);
  });
});
