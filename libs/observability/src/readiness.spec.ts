import { evaluateReadiness } from './readiness';

describe('evaluateReadiness', () => {
  it('is ready only when every check passes, and names the failing one', async () => {
    expect(await evaluateReadiness([{ name: 'a', check: () => ({ ok: true }) }])).toEqual({
      status: 'ready',
      checks: [{ name: 'a', ok: true }],
    });
    const report = await evaluateReadiness([
      { name: 'a', check: () => ({ ok: true }) },
      { name: 'kafka', check: () => Promise.reject(new Error('ECONNREFUSED')) },
    ]);
    expect(report).toEqual({
      status: 'not ready',
      checks: [
        { name: 'a', ok: true },
        { name: 'kafka', ok: false, detail: 'ECONNREFUSED' },
      ],
    });
  });

  it('counts a check that does not answer in time as failed', async () => {
    const report = await evaluateReadiness(
      [{ name: 'db', check: () => new Promise(() => undefined) }],
      20,
    );
    expect(report).toEqual({
      status: 'not ready',
      checks: [{ name: 'db', ok: false, detail: 'no answer within 20 ms' }],
    });
  });

  it('is ready with no checks (liveness-only services)', async () => {
    expect((await evaluateReadiness([])).status).toBe('ready');
  });
});
