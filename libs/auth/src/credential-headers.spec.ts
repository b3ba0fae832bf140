import { extractApiKey, type CredentialHeaders } from './credential-headers';

describe('extractApiKey', () => {
  it.each<[string, CredentialHeaders, string | undefined]>([
    ['bearer token', { authorization: 'Bearer k-123' }, 'k-123'],
    ['bearer, any case, extra spaces', { authorization: '  bEaReR   k-123 ' }, 'k-123'],
    ['x-api-key', { 'x-api-key': 'k-456' }, 'k-456'],
    ['x-api-key with surrounding spaces', { 'x-api-key': '  k-456 ' }, 'k-456'],
    ['bearer wins over x-api-key', { authorization: 'Bearer a', 'x-api-key': 'b' }, 'a'],
    [
      'basic auth is not a key, falls back to x-api-key',
      { authorization: 'Basic YTpi', 'x-api-key': 'b' },
      'b',
    ],
    ['basic auth alone', { authorization: 'Basic YTpi' }, undefined],
    ['two tokens after Bearer are not a key', { authorization: 'Bearer a b' }, undefined],
    ['repeated header: first value', { 'x-api-key': ['one', 'two'] }, 'one'],
    ['repeated authorization: first value', { authorization: ['Bearer one', 'Bearer two'] }, 'one'],
    ['nothing', {}, undefined],
    ['empty values', { authorization: 'Bearer ', 'x-api-key': '  ' }, undefined],
    ['empty array', { 'x-api-key': [] }, undefined],
  ])('%s', (_label, headers, expected) => {
    expect(extractApiKey(headers)).toBe(expected);
  });
});
