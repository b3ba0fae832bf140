import { UnsupportedMediaTypeError } from './ingest-errors';
import { otlpEncodingOf, responseEncodingOf } from './otlp-content-type';

describe('otlpEncodingOf', () => {
  it.each([
    ['application/x-protobuf', 'protobuf'],
    ['application/protobuf', 'protobuf'],
    ['Application/JSON; charset=utf-8', 'json'],
  ])('%s → %s', (contentType, encoding) => {
    expect(otlpEncodingOf(contentType)).toBe(encoding);
  });

  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded'])(
    'rejects %s with 415',
    (contentType) => {
      expect(() => otlpEncodingOf(contentType)).toThrow(UnsupportedMediaTypeError);
    },
  );

  it('answers errors in JSON unless the request was protobuf', () => {
    expect(responseEncodingOf('application/x-protobuf')).toBe('protobuf');
    expect(responseEncodingOf('text/plain')).toBe('json');
  });
});
