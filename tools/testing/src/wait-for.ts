export interface WaitForOptions {
  /** Give up after this long; default 10 000 ms. */
  timeoutMs?: number;
  /** Pause between attempts; default 100 ms. */
  intervalMs?: number;
  /** What is awaited, for the timeout message, e.g. "3 emission rows for trace abc". */
  description?: string;
}

/**
 * Polls `fn` until it yields a value other than `undefined`/`false`, and returns that value.
 * An attempt that throws counts as "not yet"; its error is quoted if time runs out.
 */
export async function waitFor<T>(
  fn: () => Promise<T | undefined | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10000;
  const intervalMs = options.intervalMs ?? 100;
  const description = options.description ?? 'condition';
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let lastError: unknown;
  for (;;) {
    attempts += 1;
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() + intervalMs > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const why =
    lastError === undefined
      ? 'the last attempt found nothing yet'
      : `the last attempt threw: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
  throw new Error(
    `Timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${description}; ${why}`,
  );
}
