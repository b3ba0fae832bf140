export interface WaitForTotalOptions {
  /** Give up after this long; default 60 000 ms. */
  timeoutMs?: number;
  /** Pause between reads; default 200 ms. */
  intervalMs?: number;
  /** What is counted, for the messages, e.g. "facts of project p". */
  description: string;
}

/**
 * Polls `read` until it returns exactly `expected`. A read above `expected` fails at once (a
 * count never goes down, so something was counted twice); a read that throws counts as "not
 * yet" (a service may be restarting). Fails with the last value after the time-out.
 */
export async function waitForTotal(
  read: () => Promise<number>,
  expected: number,
  options: WaitForTotalOptions,
): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 60000;
  const intervalMs = options.intervalMs ?? 200;
  const deadline = Date.now() + timeoutMs;
  let last: number | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (last === expected) return last;
      if (last > expected) {
        throw new CountedTwiceError(
          `${options.description}: ${last}, more than the ${expected} sent: something was counted twice`,
        );
      }
    } catch (error) {
      if (error instanceof CountedTwiceError) throw error;
      lastError = error;
    }
    if (Date.now() + intervalMs > deadline) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const why =
    lastError !== undefined
      ? `the last read threw: ${lastError instanceof Error ? lastError.message : String(lastError)}`
      : `the last read gave ${last}`;
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${options.description} to reach ${expected}; ${why}`,
  );
}

class CountedTwiceError extends Error {}
