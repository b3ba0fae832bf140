import type { ProjectorInstanceReport } from '@greenops/persistence';
import type { ProjectorStatus } from './projector-status';

/** How often an instance writes its row to projector_instances (stale after 30 s). */
export const REPORT_INTERVAL_MS = 5000;

export interface InstanceReporterOptions {
  status: () => Promise<ProjectorStatus>;
  store: { report(report: ProjectorInstanceReport): Promise<void> };
  warn: (line: string) => void;
  intervalMs?: number;
}

function toReport(s: ProjectorStatus): ProjectorInstanceReport {
  return {
    instanceId: s.instanceId,
    host: s.host,
    group: s.group,
    state: s.state,
    partitions: s.partitionLag,
    startedAt: new Date(s.startedAt),
  };
}

/**
 * Writes this instance's status to projector_instances every few seconds, for GraphQL
 * `platformHealth`. A failed write is logged once (WARN) until a write succeeds again.
 */
export class ProjectorInstanceReporter {
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private running: Promise<void> | undefined;
  /** The last status reported (for the consumer-lag gauge). */
  latest: ProjectorStatus | undefined;

  constructor(private readonly options: InstanceReporterOptions) {}

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? REPORT_INTERVAL_MS);
    this.timer.unref();
  }

  /** Reports once more (state `stopped` once the consumer has left the group) and stops. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.tick();
  }

  private tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const status = await this.options.status();
        this.latest = status;
        await this.options.store.report(toReport(status));
        this.failing = false;
      } catch (error) {
        if (!this.failing) {
          this.options.warn(
            `projector: could not report to projector_instances: ${(error as Error).message}`,
          );
        }
        this.failing = true;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
