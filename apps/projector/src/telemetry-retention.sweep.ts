import type { TelemetryRetentionRun, TelemetryRetentionStore } from '@greenops/persistence';

const DAY_MS = 86_400_000;

/**
 * The Kafka topic's retention.ms for a shared window of `rawDays`: one day more, since the
 * database's cutoff is the UTC midnight `rawDays` days before today (up to a day earlier than
 * now − rawDays), and Kafka must not drop a record the database still holds raw.
 */
export function topicRetentionMs(rawDays: number): number {
  return (rawDays + 1) * DAY_MS;
}

/** How often the sweep enforces every tenant's raw-telemetry window by default (hourly). */
export const DEFAULT_RETENTION_SWEEP_MS = 3_600_000;

export interface TelemetryRetentionSweepOptions {
  store: Pick<TelemetryRetentionStore, 'sweep'>;
  intervalMs?: number;
  log: (line: string) => void;
  /** After each sweep that removed anything (e.g. the Kafka topic's retention.ms). */
  afterSweep?: (runs: TelemetryRetentionRun[]) => Promise<void>;
}

/**
 * Enforces every tenant's raw-telemetry window periodically (docs/retention.md, "The
 * platform's own data"), one sweep at a time: a slow sweep delays the next, never overlaps it.
 * A failed sweep is logged and retried at the next tick.
 */
export class TelemetryRetentionSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: TelemetryRetentionSweepOptions) {}

  start(): void {
    const every = this.options.intervalMs ?? DEFAULT_RETENTION_SWEEP_MS;
    this.timer = setInterval(() => void this.runOnce(), every);
    this.timer.unref();
    void this.runOnce();
  }

  /** One sweep now, unless one is already running (then waits for that one). */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const runs = await this.options.store.sweep(new Date(), this.options.log);
      const removed = runs.reduce((n, r) => n + r.facts + r.measures + r.logRecords, 0);
      if (removed > 0 && this.options.afterSweep) await this.options.afterSweep(runs);
    } catch (error) {
      this.options.log(
        `telemetry retention sweep failed, retried at the next tick: ${(error as Error).message}`,
      );
    }
  }
}
