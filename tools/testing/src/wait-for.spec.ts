import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        return calls >= 3 ? `ready after ${calls}` : calls === 1 ? undefined : false;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready after 3');
  });

  it('returns 0 and empty strings: only undefined and false mean "not yet"', async () => {
    await expect(waitFor(async () => 0, { intervalMs: 1 })).resolves.toBe(0);
    await expect(waitFor(async () => '', { intervalMs: 1 })).resolves.toBe('');
  });

  it('keeps polling through thrown errors', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 2) throw new Error('not connected yet');
        return 'ok';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ok');
  });

  it('times out with a message naming what was awaited and the last error', async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error('relation "emission_facts" does not exist');
        },
        { timeoutMs: 30, intervalMs: 5, description: '3 emission rows' },
      ),
    ).rejects.toThrow(
      /Timed out after 30 ms .*waiting for 3 emission rows; the last attempt threw: relation "emission_facts" does not exist/,
    );
  });

  it('times out saying nothing was found when the condition stayed false', async () => {
    await expect(waitFor(async () => false, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      /waiting for condition; the last attempt found nothing yet/,
    );
  });
});
