import { parseLogRecord, recordedActivities } from '@greenops/contracts';
import type { ConsumedBatch, EventLogConsumer } from '@greenops/messaging';
import type { ComputeOptions } from '@greenops/methodology';
import {
  ProjectionRegistry,
  type ProjectionFailureInput,
  type TenantProjection,
} from '@greenops/persistence';
import type { FactorSetCatalog } from '@greenops/factors';
import { selfMetrics } from '@greenops/observability';
import type { ProjectionRegistryPort } from './projection-registry.port';
import { commitIsolated, notCountedLine, type EventWrites } from './isolated-commit';
import { projectEvent, type CountableEvent } from './project-activity';
import type { ProjectionStore } from './projection-store.port';
import { UnusableFactorSetError } from '@greenops/factors';

export interface ProjectionRebuildRunnerOptions {
  registry: ProjectionRegistryPort;
  store: ProjectionStore;
  catalog: FactorSetCatalog;
  topic: string;
  /** A consumer of `topic` in its own group, reading from the beginning of the log. */
  consumerFor: (groupId: string) => EventLogConsumer;
  computeOptions?: ComputeOptions;
  pollIntervalMs?: number;
  log?: (line: string) => void;
  /** One line per event a rebuild did not count; `log` by default. */
  warn?: (line: string) => void;
}

interface RunningBuild {
  consumer: EventLogConsumer;
  done: boolean;
}

/**
 * Replays the log into projection version N+1 of a tenant with its new factor set ("replay into a
 * new projection version, then switch", docs/architecture.md). Each build has its own consumer group; its
 * positions are stored with its facts, so a restarted projector resumes it, and several
 * projector instances share it partition by partition. When the build has read its fence in
 * every partition, the tenant is switched to the new version.
 */
export class ProjectionRebuildRunner {
  private readonly running = new Map<string, RunningBuild>();
  /** Builds not started because their factor set is unusable (logged once each). */
  private readonly refused = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: ProjectionRebuildRunnerOptions) {}

  static groupId(tenant: string, version: number): string {
    return `greenops-rebuild.${tenant}.v${version}`;
  }

  start(): void {
    const interval = this.options.pollIntervalMs ?? 1000;
    const tick = () => {
      this.polling = this.poll()
        .catch((error: unknown) =>
          this.log(`rebuild poll failed, will retry: ${(error as Error).message}`),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, interval);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    await Promise.all(
      [...this.running.values()].map((r) => r.consumer.stop().catch(() => undefined)),
    );
    this.running.clear();
  }

  /** Starts consumers for builds in progress; stops those of builds that ended or were superseded. */
  async poll(): Promise<void> {
    const builds = (await this.options.registry.building()).filter((b) => b.building?.fences);
    const wanted = new Set(
      builds.map((b) => ProjectionRebuildRunner.groupId(b.tenant, b.building!.version)),
    );
    for (const [group, run] of this.running) {
      if (!wanted.has(group) || run.done) {
        this.running.delete(group);
        await run.consumer.stop().catch(() => undefined);
      }
    }
    for (const build of builds) {
      const group = ProjectionRebuildRunner.groupId(build.tenant, build.building!.version);
      if (this.running.has(group) || this.stopped) continue;
      // A build with an unusable set (recorded by an older version) never switches the tenant
      // to a projection it could not fill; the served version goes on.
      if (await this.unusable(build, group)) continue;
      const run: RunningBuild = { consumer: this.options.consumerFor(group), done: false };
      this.running.set(group, run);
      this.log(
        `rebuilding ${build.tenant} into projection v${build.building!.version} (factor set ${build.building!.factorSetVersion})`,
      );
      await run.consumer.start((batch) => this.handle(build, group, run, batch));
    }
  }

  private async unusable(build: TenantProjection, group: string): Promise<boolean> {
    try {
      await this.options.catalog.get(build.tenant, build.building!.factorSetVersion);
      return false;
    } catch (error) {
      if (!(error instanceof UnusableFactorSetError)) throw error;
      if (!this.refused.has(group)) {
        this.refused.add(group);
        (this.options.warn ?? this.options.log ?? console.log)(
          `projector: rebuild of ${build.tenant} into projection v${build.building!.version} not started: ${error.message}`,
        );
      }
      return true;
    }
  }

  private async handle(
    build: TenantProjection,
    group: string,
    run: RunningBuild,
    batch: ConsumedBatch,
  ): Promise<void> {
    const target = build.building!;
    selfMetrics().rebuildRecords.add(batch.records.length, { tenant: build.tenant });
    const events: EventWrites[] = [];
    const failures: ProjectionFailureInput[] = [];
    let fenceRead = false;
    for (const record of batch.records) {
      // A record that does not parse is the live projector's to report.
      const parsed = parseLogRecord(batch.topic, record.value);
      if (!parsed.ok) continue;
      if (parsed.event.type === 'ProjectionRebuildFence') {
        const fence = parsed.event;
        if (
          fence.tenant === build.tenant &&
          fence.payload.buildVersion === target.version &&
          fence.payload.partition === batch.partition
        ) {
          await this.options.registry.recordFence(
            build.tenant,
            target.version,
            batch.partition,
            record.offset,
          );
          fenceRead = true;
        }
        continue;
      }
      if (parsed.event.tenant !== build.tenant) continue;
      const countable: CountableEvent[] =
        parsed.event.type === 'ActivityRecorded' || parsed.event.type === 'MeteredPeriodRecorded'
          ? [parsed.event]
          : parsed.event.type === 'ActivitiesRecorded'
            ? recordedActivities(parsed.event)
            : [];
      for (const event of countable) {
        // Each event on its own: one that cannot be counted is recorded, the replay goes on.
        const projected = await projectEvent(
          event,
          target,
          this.options.catalog,
          this.options.computeOptions,
        );
        if (projected.ok) {
          events.push({
            tenant: event.tenant,
            eventId: event.id,
            offset: record.offset,
            projectionVersion: target.version,
            facts: projected.facts,
            artifacts: [],
          });
        } else {
          failures.push({
            tenant: event.tenant,
            eventId: event.id,
            group,
            log: { topic: batch.topic, partition: batch.partition, offset: record.offset },
            projectionVersion: target.version,
            stage: projected.stage,
            field: projected.field,
            reason: projected.reason,
          });
        }
      }
    }
    const last = batch.records[batch.records.length - 1];
    const { storeFailures } = await commitIsolated(this.options.store, {
      group,
      topic: batch.topic,
      partition: batch.partition,
      events,
      failures,
      offsets: [
        {
          group,
          topic: batch.topic,
          partition: batch.partition,
          nextOffset: (BigInt(last.offset) + 1n).toString(),
        },
      ],
    });
    const warn = this.options.warn ?? this.options.log ?? console.log;
    for (const failure of [...failures, ...storeFailures]) warn(notCountedLine(failure));
    if (!fenceRead) return;
    const state = await this.options.registry.state(build.tenant);
    if (state.building?.version !== target.version || !ProjectionRegistry.fencesComplete(state))
      return;
    if (await this.options.registry.switchTo(build.tenant, target.version)) {
      selfMetrics().rebuildsCompleted.add(1);
      this.log(
        `switched ${build.tenant} to projection v${target.version} (factor set ${target.factorSetVersion})`,
      );
    }
    run.done = true; // the consumer is stopped by the next poll, outside its own batch handler
  }

  private log(line: string): void {
    (this.options.log ?? console.log)(`projector: ${line}`);
  }
}
