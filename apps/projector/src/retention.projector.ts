import { parseLogRecord, recordedActivities, TOPICS, type LogEvent } from '@greenops/contracts';
import type { Activity } from '@greenops/domain';
import type { FactorSet } from '@greenops/factors';
import type { ConsumedBatch } from '@greenops/messaging';
import { MethodologyInputError, storageHoldingRate } from '@greenops/methodology';
import type {
  EnforcementChange,
  HoldingUpsert,
  RetentionChangeInput,
  RetentionStore,
} from '@greenops/persistence';
import { enforcementChange } from './retention-enforcement-change';

/** What the retention projector needs from storage (libs/persistence RetentionStore). */
export type RetentionProjectionStore = Pick<RetentionStore, 'commitRetentionBatch'>;

/** A storage span whose holding could not be computed (the emissions projector records the event). */
export interface RetentionSkipped {
  topic: string;
  partition: number;
  offset: string;
  eventId?: string;
  field: string;
  reason: string;
}

export interface RetentionProjectorOptions {
  store: RetentionProjectionStore;
  groupId: string;
  /** The factor set a tenant's figures use now (its served projection); the shipped one if absent. */
  factorSetFor?: (tenant: string) => Promise<FactorSet | undefined>;
  onSkipped?: (skipped: RetentionSkipped) => void;
}

/**
 * The retention projection (docs/retention.md), a consumer group of its own on the activities
 * topic: storage spans that name an artifact and a storage system become that artifact's
 * current holding on the system, with its g CO2e/day rate from the storage model; retention
 * policy and legal-hold events become their current state and an audit record. One
 * transaction per batch, with the consumed position. Records of other types are passed over.
 * Deletion decisions (activities topic) and holders' answers (confirmations topic, a consumer
 * group of its own) become deletion requests and their state (retention-enforcement-change.ts).
 */
export class RetentionProjector {
  constructor(private readonly options: RetentionProjectorOptions) {}

  readonly handle = async (batch: ConsumedBatch): Promise<void> => {
    const holdings: HoldingUpsert[] = [];
    const changes: RetentionChangeInput[] = [];
    const enforcement: EnforcementChange[] = [];
    const offsetOf = new Map<string, string>();
    for (const record of batch.records) {
      const where = { topic: batch.topic, partition: batch.partition, offset: record.offset };
      const parsed = parseLogRecord(batch.topic, record.value);
      if (!parsed.ok) {
        // The emissions projector reports the activities topic's; holders' answers are ours.
        if (batch.topic === TOPICS.retentionConfirmations)
          this.options.onSkipped?.({ ...where, field: parsed.field, reason: parsed.reason });
        continue;
      }
      const event = parsed.event;
      if (event.type === 'ActivityRecorded' || event.type === 'ActivitiesRecorded') {
        const activities = event.type === 'ActivityRecorded' ? [event] : recordedActivities(event);
        for (const activity of activities) {
          try {
            const holding = await this.holding(activity);
            if (holding) holdings.push(holding);
          } catch (error) {
            if (!(error instanceof MethodologyInputError)) throw error;
            this.options.onSkipped?.({
              ...where,
              eventId: activity.id,
              field: error.field,
              reason: error.reason,
            });
          }
        }
      } else {
        const change = retentionChange(event);
        if (change) changes.push(change);
        const decided = enforcementChange(event);
        if (decided) {
          enforcement.push(decided);
          offsetOf.set(decided.eventId, record.offset);
        }
      }
    }
    const last = batch.records[batch.records.length - 1];
    const skipped = await this.options.store.commitRetentionBatch({
      holdings,
      changes,
      enforcement,
      offsets: [
        {
          group: this.options.groupId,
          topic: batch.topic,
          partition: batch.partition,
          nextOffset: (BigInt(last.offset) + 1n).toString(),
        },
      ],
    });
    // An answer naming no request of its tenant (a holder's mistake, or another tenant's id).
    for (const s of skipped ?? []) {
      this.options.onSkipped?.({
        topic: batch.topic,
        partition: batch.partition,
        offset: offsetOf.get(s.eventId) ?? last.offset,
        eventId: s.eventId,
        field: s.field,
        reason: s.reason,
      });
    }
  };

  private async holding(
    event: Extract<LogEvent, { type: 'ActivityRecorded' }>,
  ): Promise<HoldingUpsert | undefined> {
    const p = event.payload;
    const storage = p.measurements.storage;
    if (p.kind !== 'storage' || !p.artifact || !storage?.system) return undefined;
    const activity: Activity = { ...p, tenant: event.tenant, projectId: event.projectId };
    const factorSet = await this.options.factorSetFor?.(event.tenant);
    const rate = storageHoldingRate(activity, factorSet ? { factorSet } : {});
    return {
      tenant: event.tenant,
      projectId: event.projectId,
      artifactId: p.artifact.id,
      storageSystem: storage.system,
      uri: storage.uri ?? null,
      media: rate.media,
      bytes: storage.bytes,
      replication: storage.replication ?? null,
      country: p.measurements.country ?? null,
      lastObservedAt: p.endTime,
      co2eGPerDay: rate.co2eGPerDay,
      co2eGPerDayByMedia: rate.co2eGPerDayByMedia,
      eventId: event.id,
    };
  }
}

function retentionChange(event: LogEvent): RetentionChangeInput | undefined {
  if (event.type === 'RejectedSpan') return undefined;
  const base = { tenant: event.tenant, eventId: event.id, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'RetentionPolicyDefined':
      return {
        ...base,
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason ?? null,
        change: { type: 'policyDefined', policy: event.payload.policy },
      };
    case 'RetentionPolicyRetired':
      return {
        ...base,
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason ?? null,
        change: { type: 'policyRetired', policyId: event.payload.policyId },
      };
    case 'LegalHoldSet':
      return {
        ...base,
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason,
        change: {
          type: 'legalHoldSet',
          projectId: event.projectId,
          artifactId: event.payload.artifactId,
          reason: event.payload.actor.reason,
        },
      };
    case 'LegalHoldReleased':
      return {
        ...base,
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason ?? null,
        change: {
          type: 'legalHoldReleased',
          projectId: event.projectId,
          artifactId: event.payload.artifactId,
        },
      };
    default:
      return undefined;
  }
}
