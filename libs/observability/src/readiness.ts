/** The result of one readiness check: `detail` says why it is not ready (or what it saw). */
export interface CheckResult {
  ok: boolean;
  detail?: string;
}

/** Something a service needs to do its job: the broker, the database, the consumer. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<CheckResult> | CheckResult;
}

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  checks: Array<{ name: string; ok: boolean; detail?: string }>;
}

/** A check that does not answer within this time counts as failed (a probe must not hang). */
export const CHECK_TIMEOUT_MS = 2000;

/** Runs every check in parallel, each bounded by `timeoutMs`; ready only if all pass. */
export async function evaluateReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CheckResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }),
          timeoutMs,
        );
      });
      try {
        const result = await Promise.race([Promise.resolve().then(() => c.check()), timeout]);
        return { name: c.name, ...result };
      } catch (error) {
        return { name: c.name, ok: false, detail: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { status: results.every((r) => r.ok) ? 'ready' : 'not ready', checks: results };
}
