import type { EventLogInspector, EventLogPublisher, ConsumedBatch } from '@greenops/messaging';
import {
  computeEmissions,
  MethodologyInputError,
  type ComputeOptions,
} from '@greenops/methodology';
import {
  parseLogRecord,
  type ActivityRecorded,
  type FactorSetPublished,
} from '@greenops/contracts';
import type { Activity } from '@greenops/domain';
import { DEFAULT_FACTOR_SET, overrideProblems } from '@greenops/factors';
import type { TenantProjection } from '@greenops/persistence';
import type { FactorSetCatalog } from './factor-set.catalog';
import type { ProjectionRegistryPort } from './projection-registry.port';
import type { ArtifactUpsert, EmissionFactInput, ProjectionStore } from './projection-store.port';
import { rebuildFenceRecords } from './rebuild-fences';

export interface SkippedRecord {
  topic: string;
  partition: number;
  offset: string;
  eventId?: string;
  field: string;
  reason: string;
}

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
  now?: () => Date;
}

const DEFAULT_STATE = (tenant: string): TenantProjection => ({
  tenant,
  currentVersion: 1,
  currentFactorSetVersion: null,
  building: null,
});

/**
 * Turns a batch of ActivityRecorded events into emission facts and commits them together with
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
    const where = (offset: string) => ({ topic: batch.topic, partition: batch.partition, offset });
    const activities: Array<{ offset: string; event: ActivityRecorded }> = [];
    const factorSets: FactorSetPublished[] = [];
    for (const record of batch.records) {
      const parsed = parseLogRecord(batch.topic, record.value);
      if (!parsed.ok) {
        this.skip({ ...where(record.offset), field: parsed.field, reason: parsed.reason });
        continue;
      }
      const event = parsed.event;
      if (event.type === 'ActivityRecorded') activities.push({ offset: record.offset, event });
      else if (event.type === 'FactorSetPublished') factorSets.push(event);
      // ProjectionRebuildFence: read by the rebuild consumers only.
    }

    const states = await this.states(activities.map((a) => a.event.tenant));
    const facts: EmissionFactInput[] = [];
    // Merged per artifact by the store, field by field (artifactFieldWins, libs/persistence).
    const artifacts: ArtifactUpsert[] = [];
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
      let projected = false;
      for (const target of targets) {
        try {
          facts.push(await this.toFact(event, target.version, target.factorSetVersion));
          projected = true;
        } catch (error) {
          if (!(error instanceof MethodologyInputError)) throw error;
          this.skip({
            ...where(offset),
            eventId: event.id,
            field: error.field,
            reason: error.reason,
          });
        }
      }
      if (!projected) continue;
      artifacts.push(...artifactUpserts(event));
    }

    // Before the commit: if this process dies in between, the batch (and the publication) is
    // handled again, and every step below is idempotent.
    for (const published of factorSets)
      await this.onFactorSetPublished(published, batch.topic, where);

    const last = batch.records[batch.records.length - 1];
    const { insertedFacts } = await this.options.store.commitBatch({
      facts,
      artifacts,
      offsets: [
        {
          group: this.options.groupId,
          topic: batch.topic,
          partition: batch.partition,
          nextOffset: (BigInt(last.offset) + 1n).toString(),
        },
      ],
    });
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

  private async toFact(
    event: ActivityRecorded,
    projectionVersion: number,
    factorSetVersion: string | null,
  ): Promise<EmissionFactInput> {
    const activity: Activity = {
      ...event.payload,
      tenant: event.tenant,
      projectId: event.projectId,
    };
    const factorSet = this.options.projections
      ? await this.options.projections.catalog.get(event.tenant, factorSetVersion)
      : this.options.computeOptions?.factorSet;
    return {
      tenant: event.tenant,
      projectId: event.projectId,
      eventId: event.id,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      artifactId: activity.artifact?.id,
      activityKind: activity.kind,
      projectionVersion,
      result: computeEmissions(activity, { ...this.options.computeOptions, factorSet }),
    };
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
    where: (offset: string) => { topic: string; partition: number; offset: string },
  ): Promise<void> {
    const projections = this.options.projections;
    if (!projections) return;
    const { tenant, payload } = event;
    const problems = overrideProblems(DEFAULT_FACTOR_SET, payload.factors);
    if (problems.length > 0) {
      this.skip({
        ...where('-'),
        eventId: event.id,
        field: 'payload.factors',
        reason: problems.join('; '),
      });
      return;
    }
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
    if (!recorded && before.building?.factorSetVersion !== payload.version) return;
    const state = await projections.registry.startBuilding(tenant, payload.version);
    const build = state.building;
    if (!build) return;
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
