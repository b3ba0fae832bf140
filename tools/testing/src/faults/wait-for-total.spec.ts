import { waitForTotal } from './wait-for-total';

describe('waitForTotal', () => {
  it('returns once the count is exactly the expected one', async () => {
    const reads = [1, 2, 3];
    await expect(
      waitForTotal(async () => reads.shift() ?? 3, 3, { intervalMs: 1, description: 'facts' }),
    ).resolves.toBe(3);
  });

  it('fails at once when the count goes above the expected one', async () => {
    const reads = [2, 4, 3];
    await expect(
      waitForTotal(async () => reads.shift() ?? 3, 3, {
        intervalMs: 1,
        timeoutMs: 10000,
        description: 'facts of p',
      }),
    ).rejects.toThrow('facts of p: 4, more than the 3 sent: something was counted twice');
  });

  it('takes a failing read as "not yet" and quotes it after the time-out', async () => {
    await expect(
      waitForTotal(
        async () => {
          throw new Error('connection refused');
        },
        3,
        { intervalMs: 1, timeoutMs: 20, description: 'facts' },
      ),
    ).rejects.toThrow(/waiting for facts to reach 3; the last read threw: connection refused/);
  });
});
