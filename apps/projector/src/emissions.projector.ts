import type { ConsumedBatch } from '@greenops/messaging';
import { computeEmissions, MethodologyInputError, type ComputeOptions } from '@greenops/methodology';
import type { Activity, ActivityRecorded } from '@greenops/domain';
import { parseActivityRecorded } from './activity-recorded.schema';
import type { ArtifactUpsert, EmissionFactInput, ProjectionStore } from './projection-store.port';

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
}

export interface ProjectorStats {
  batches: number;
  records: number;
  insertedFacts: number;
  skipped: number;
}

/**
 * Turns a batch of ActivityRecorded events into emission facts and commits them together with
 * the batch's next offset. A record that cannot be projected (invalid payload, or an activity
 * the methodology cannot quantify) is reported with its field and reason and passed over — it
 * never blocks the partition or the rest of the batch.
 */
export class EmissionsProjector {
  readonly stats: ProjectorStats = { batches: 0, records: 0, insertedFacts: 0, skipped: 0 };

  constructor(
    private readonly store: ProjectionStore,
    private readonly groupId: string,
    private readonly computeOptions: ComputeOptions = {},
    private readonly observer: ProjectorObserver = {},
  ) {}

  readonly handle = async (batch: ConsumedBatch): Promise<void> => {
    const facts: EmissionFactInput[] = [];
    const artifacts = new Map<string, ArtifactUpsert>();
    for (const record of batch.records) {
      const parsed = parseActivityRecorded(record.value);
      if (!parsed.ok) {
        if (isOtherEventType(record.value)) continue;
        this.skip({ topic: batch.topic, partition: batch.partition, offset: record.offset, field: parsed.field, reason: parsed.reason });
        continue;
      }
      const event = parsed.event;
      try {
        facts.push(this.toFact(event));
      } catch (error) {
        if (!(error instanceof MethodologyInputError)) throw error;
        this.skip({
          topic: batch.topic,
          partition: batch.partition,
          offset: record.offset,
          eventId: event.id,
          field: error.field,
          reason: error.reason,
        });
        continue;
      }
      for (const upsert of artifactUpserts(event)) {
        const key = `${upsert.tenant}\u0000${upsert.projectId}\u0000${upsert.artifactId}`;
        artifacts.set(key, mergeUpsert(artifacts.get(key), upsert));
      }
    }
    const last = batch.records[batch.records.length - 1];
    const { insertedFacts } = await this.store.commitBatch({
      facts,
      artifacts: [...artifacts.values()],
      offsets: [
        { group: this.groupId, topic: batch.topic, partition: batch.partition, nextOffset: (BigInt(last.offset) + 1n).toString() },
      ],
    });
    this.stats.batches += 1;
    this.stats.records += batch.records.length;
    this.stats.insertedFacts += insertedFacts;
    this.observer.onCommitted?.({ partition: batch.partition, records: batch.records.length, insertedFacts });
  };

  private toFact(event: ActivityRecorded): EmissionFactInput {
    const activity: Activity = { ...event.payload, tenant: event.tenant, projectId: event.projectId };
    return {
      tenant: event.tenant,
      projectId: event.projectId,
      eventId: event.id,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      artifactId: activity.artifact?.id,
      activityKind: activity.kind,
      result: computeEmissions(activity, this.computeOptions),
    };
  }

  private skip(skipped: SkippedRecord): void {
    this.stats.skipped += 1;
    this.observer.onSkipped?.(skipped);
  }
}

function isOtherEventType(value: unknown): boolean {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type !== 'ActivityRecorded';
}

function artifactUpserts(event: ActivityRecorded): ArtifactUpsert[] {
  const artifact = event.payload.artifact;
  if (!artifact) return [];
  const base = { tenant: event.tenant, projectId: event.projectId, seenAt: event.occurredAt };
  const upserts: ArtifactUpsert[] = [
    { ...base, artifactId: artifact.id, parentId: artifact.parentId, kind: artifact.kind, status: artifact.status },
  ];
  // An artifact named only as a parent exists too (DESIGN §7 roll-up).
  if (artifact.parentId) upserts.push({ ...base, artifactId: artifact.parentId });
  return upserts;
}

/** Later information wins, but never erases a known value with an absent one. */
function mergeUpsert(previous: ArtifactUpsert | undefined, next: ArtifactUpsert): ArtifactUpsert {
  if (!previous) return next;
  const later = next.seenAt >= previous.seenAt ? next : previous;
  const earlier = later === next ? previous : next;
  return {
    ...later,
    parentId: later.parentId ?? earlier.parentId,
    kind: later.kind ?? earlier.kind,
    status: later.status ?? earlier.status,
  };
}
