const started = Date.now();

/** A progress line with the time since the benchmark started: the run takes minutes. */
export function progress(message: string): void {
  const s = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[bench ${s} s] ${message}`);
}

/** Items per second over an interval measured with process.hrtime.bigint(). */
export function perSecond(items: number, elapsedNs: bigint): number {
  return items / (Number(elapsedNs) / 1e9);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
