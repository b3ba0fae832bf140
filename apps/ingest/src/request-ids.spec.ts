import { requestIds } from './otlp-error-mapping';

describe('requestIds (log fields of a refused request)', () => {
  it('takes x-request-id and the trace id of a W3C traceparent', () => {
    expect(
      requestIds({
        'x-request-id': 'req-42',
        traceparent: '00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01',
      }),
    ).toEqual({ requestId: 'req-42', traceId: '5b8efff798038103d269b633813fc60c' });
  });

  it('leaves out what is missing or malformed', () => {
    expect(requestIds({})).toEqual({});
    expect(
      requestIds({
        'x-request-id': 'has space',
        traceparent: '00-00000000000000000000000000000000-eee19b7ec3c1b174-01',
      }),
    ).toEqual({});
    expect(requestIds({ 'x-request-id': 'x'.repeat(129), traceparent: 'garbage' })).toEqual({});
  });
});
