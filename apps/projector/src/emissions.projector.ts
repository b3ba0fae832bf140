import type { EventLogInspector, EventLogPublisher, ConsumedBatch } from '@greenops/messaging';
import { activityMeasures, type ComputeOptions } from '@greenops/methodology';
import {
  parseLogRecord,
  recordedActivities,
  type ActivityRecorded,
  type ArtifactStatusChanged,
  type FactorSetPublished,
  type ProjectDeclared,
} from '@greenops/contracts';
import { DEFAULT_FACTOR_SET, overrideProblems } from '@greenops/factors';
import type { ProjectionFailureInput, TenantProjection } from '@greenops/persistence';
import type { FactorSetCatalog } from '@greenops/factors';
import type { InsightsRecorder } from './insights-recorder.port';
import { insightsBatch } from './insights-batch';
import type { ProjectionRegistryPort } from './projection-registry.port';
import {
  commitIsolated,
  eventIdOfRecord,
  tenantOfRecord,
  type EventWrites,
} from './isolated-commit';
import { activityOf, projectEvent, type CountableEvent } from './project-activity';
import type { ArtifactUpsert, ProjectionStore } from './projection-store.port';
import { rebuildFenceRecords } from './rebuild-fences';

/** A record (or one projection of it) the projector did not count, as recorded. */
export type SkippedRecord = ProjectionFailureInput;

export interface ProjectorObserver {
  onSkipped?(skipped: SkippedRecord): void;
  onCommitted?(stats: { partition: number; records: number; insertedFacts: number }): void;
  onRebuildStarted?(build: { tenant: string; version: number; factorSetVersion: string }): void;
}

export interface ProjectorStats {
  batches: number;
  records: number;
  insertedFacts: number;
  skipped: number;
}

/**
 * Per-tenant factor sets and projection versions (docs/architecture.md, "Factor sets and projection rebuilds"). Without it every tenant is
 * computed with the shipped catalogue into projection version 1.
 */
export interface TenantProjections {
  registry: ProjectionRegistryPort;
  catalog: FactorSetCatalog;
  /** Writes rebuild fences into every partition of the topic. */
  publisher: EventLogPublisher;
  inspector: EventLogInspector;
}

export interface EmissionsProjectorOptions {
  store: ProjectionStore;
  groupId: string;
  computeOptions?: ComputeOptions;
  observer?: ProjectorObserver;
  projections?: TenantProjections;
  /** Declarations, activity measures and status history (docs/insights.md); none without it. */
  insights?: InsightsRecorder;
  now?: () => Date;
}

const DEFAULT_STATE = (tenant: string): TenantProjection => ({
  tenant,
  currentVersion: 1,
  currentFactorSetVersion: null,
  building: null,
});

/**
 * Turns a batch of ActivityRecorded events (one per record, or many in an ActivitiesRecorded
 * record) into emission facts and commits them together with
 * the batch's next offset. While a tenant's projection is being rebuilt with a new factor set,
 * each of its activities is written to both the served version and the one being built. A
 * record that cannot be projected (invalid payload, or an activity the methodology cannot
 * quantify) is reported with its field and reason and passed over — it never blocks the
 * partition or the rest of the batch.
 */
export class EmissionsProjector {
  readonly stats: ProjectorStats = { batches: 0, records: 0, insertedFacts: 0, skipped: 0 };
  private readonly observer: ProjectorObserver;
  private readonly now: () => Date;

  constructor(private readonly options: EmissionsProjectorOptions) {
    this.observer = options.observer ?? {};
    this.now = options.now ?? (() => new Date());
  }

  readonly handle = async (batch: ConsumedBatch): Promise<void> => {
    const group = this.options.groupId;
    const failures: ProjectionFailureInput[] = [];
    const fail = (failure: Omit<ProjectionFailureInput, 'group' | 'log'>, offset: string) =>
      failures.push({
        ...failure,
        group,
        log: { topic: batch.topic, partition: batch.partition, offset },
      });
    const activities: Array<{ offset: string; event: CountableEvent }> = [];
    const factorSets: Array<{ offset: string; event: FactorSetPublished }> = [];
    const declarations: ProjectDeclared[] = [];
    const statusChanges: Array<{ offset: string; event: ArtifactStatusChanged }> = [];
    for (const record of batch.records) {
      const parsed = parseLogRecord(batch.topic, record.value);
      if (!parsed.ok) {
        fail(
          {
            tenant: tenantOfRecord(record),
            eventId: eventIdOfRecord(record),
            stage: 'parse',
            field: parsed.field,
            reason: parsed.reason,
          },
          record.offset,
        );
        continue;
      }
      const event = parsed.event;
      if (event.type === 'ActivityRecorded' || event.type === 'MeteredPeriodRecorded')
        activities.push({ offset: record.offset, event });
      else if (event.type === 'ActivitiesRecorded')
        // Each activity exactly as if it were its own ActivityRecorded record, at this offset.
        for (const activity of recordedActivities(event))
          activities.push({ offset: record.offset, event: activity });
      else if (event.type === 'FactorSetPublished')
        factorSets.push({ offset: record.offset, event });
      else if (event.type === 'ProjectDeclared') declarations.push(event);
      else if (event.type === 'ArtifactStatusChanged')
        statusChanges.push({ offset: record.offset, event });
      // ProjectionRebuildFence: read by the rebuild consumers only.
    }

    const states = await this.states([
      ...activities.map((a) => a.event.tenant),
      ...statusChanges.map((c) => c.event.tenant),
    ]);
    const events: EventWrites[] = [];
    for (const { offset, event } of activities) {
      const state = states.get(event.tenant) ?? DEFAULT_STATE(event.tenant);
      const targets = [
        { version: state.currentVersion, factorSetVersion: state.currentFactorSetVersion },
      ];
      if (state.building)
        targets.push({
          version: state.building.version,
          factorSetVersion: state.building.factorSetVersion,
        });
      const writes: EventWrites = {
        tenant: event.tenant,
        eventId: event.id,
        offset,
        projectionVersion: state.currentVersion,
        facts: [],
        artifacts: [],
      };
      for (const target of targets) {
        const projected = await projectEvent(
          event,
          target,
          this.options.projections?.catalog,
          this.options.computeOptions,
        );
        if (projected.ok) writes.facts.push(...projected.facts);
        else
          fail(
            {
              tenant: event.tenant,
              eventId: event.id,
              projectionVersion: target.version,
              stage: projected.stage,
              field: projected.field,
              reason: projected.reason,
            },
            offset,
          );
      }
      if (writes.facts.length === 0) continue;
      // Merged per artifact by the store, field by field (artifactFieldWins, libs/persistence).
      writes.artifacts = event.type === 'ActivityRecorded' ? artifactUpserts(event) : [];
      events.push(writes);
    }

    // A status set through the API updates the artifact as a span's status would.
    for (const { offset, event } of statusChanges) {
      const state = states.get(event.tenant) ?? DEFAULT_STATE(event.tenant);
      events.push({
        tenant: event.tenant,
        eventId: event.id,
        offset,
        projectionVersion: state.currentVersion,
        facts: [],
        artifacts: [
          {
            tenant: event.tenant,
            projectId: event.projectId,
            artifactId: event.payload.artifactId,
            status: event.payload.status,
            seenAt: event.occurredAt,
          },
        ],
      });
    }

    // Before the commit: if this process dies in between, the batch (and the publication) is
    // handled again, and every step below is idempotent.
    for (const { offset, event } of factorSets) {
      const problem = await this.onFactorSetPublished(event, batch.topic);
      if (problem)
        fail({ tenant: event.tenant, eventId: event.id, stage: 'factor-set', ...problem }, offset);
    }

    if (this.options.insights) {
      const counted = new Set(events.filter((e) => e.facts.length > 0).map((e) => e.eventId));
      await this.options.insights.record(
        insightsBatch(
          activities
            .map((a) => a.event)
            .filter(
              (event): event is ActivityRecorded =>
                event.type === 'ActivityRecorded' && counted.has(event.id),
            ),
          declarations,
          statusChanges.map((c) => c.event),
          (event) => activityMeasures(activityOf(event)),
        ),
      );
    }

    const last = batch.records[batch.records.length - 1];
    const { insertedFacts, storeFailures } = await commitIsolated(this.options.store, {
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
    // Reported once recorded, so a batch retried after a failed commit is not reported twice.
    for (const failure of [...failures, ...storeFailures]) this.skip(failure);
    this.stats.batches += 1;
    this.stats.records += batch.records.length;
    this.stats.insertedFacts += insertedFacts;
    this.observer.onCommitted?.({
      partition: batch.partition,
      records: batch.records.length,
      insertedFacts,
    });
  };

  private async states(tenants: string[]): Promise<Map<string, TenantProjection>> {
    const registry = this.options.projections?.registry;
    if (!registry || tenants.length === 0) return new Map();
    return registry.states(tenants);
  }

  /**
   * A tenant published a factor set: record it, start building projection N+1 with it, and
   * write a fence into every partition for the rebuild to read up to (see
   * ProjectionRebuildRunner). Replays of the same publication are no-ops; an older publication
   * handled again never supersedes a newer build.
   */
  private async onFactorSetPublished(
    event: FactorSetPublished,
    topic: string,
  ): Promise<{ field: string; reason: string } | undefined> {
    const projections = this.options.projections;
    if (!projections) return undefined;
    const { tenant, payload } = event;
    const problems = overrideProblems(DEFAULT_FACTOR_SET, payload.factors);
    if (problems.length > 0) return { field: 'payload.factors', reason: problems.join('; ') };
    const recorded = await projections.registry.recordFactorSet({
      tenant,
      version: payload.version,
      baseVersion: payload.baseVersion,
      name: payload.name,
      factors: payload.factors,
      eventId: event.id,
      publishedAt: event.occurredAt,
    });
    const before = await projections.registry.state(tenant);
    if (!recorded && before.building?.factorSetVersion !== payload.version) return undefined;
    const state = await projections.registry.startBuilding(tenant, payload.version);
    const build = state.building;
    if (!build) return undefined;
    const partitions = await projections.inspector.partitions(topic);
    await projections.registry.expectFences(tenant, build.version, partitions);
    await projections.publisher.publish(
      rebuildFenceRecords(topic, tenant, build.version, payload.version, partitions, this.now()),
    );
    this.observer.onRebuildStarted?.({
      tenant,
      version: build.version,
      factorSetVersion: payload.version,
    });
    return undefined;
  }

  private skip(skipped: SkippedRecord): void {
    this.stats.skipped += 1;
    this.observer.onSkipped?.(skipped);
  }
}

function artifactUpserts(event: ActivityRecorded): ArtifactUpsert[] {
  const artifact = event.payload.artifact;
  if (!artifact) return [];
  const base = { tenant: event.tenant, projectId: event.projectId, seenAt: event.occurredAt };
  const upserts: ArtifactUpsert[] = [
    {
      ...base,
      artifactId: artifact.id,
      parentId: artifact.parentId,
      kind: artifact.kind,
      status: artifact.status,
    },
  ];
  // An artifact named only as a parent exists too (the roll-up walks parent links, docs/architecture.md).
  if (artifact.parentId) upserts.push({ ...base, artifactId: artifact.parentId });
  return upserts;
}
