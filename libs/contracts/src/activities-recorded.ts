import { z } from 'zod';
import { activityPayloadV1, type ActivityRecorded } from './activity-recorded';
import type { EventContract } from './event-contract';
import { envelopeSchema, isoInstant } from './envelope';
import { activitiesRecordedEventId } from './event-id';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

/**
 * At most this many activities in one record. A span's strings are bounded
 * (docs/semantic-conventions.md §2.2: 256 characters per attribute, 1024 for a storage URI), so
 * 100 typical spans (≈ 500 B each as JSON) make a record of ≈ 50 kB, far below the broker's
 * default 1 MB record limit; a request with more activities of one project makes several records.
 */
export const ACTIVITIES_PER_RECORD_MAX = 100;

/**
 * One activity of an ActivitiesRecorded record: its own deterministic id
 * (`activityEventId(tenant, traceId, spanId)`), its `occurredAt` (the span's start) and the
 * activity — exactly what an ActivityRecorded event of the same span carries.
 */
const recordedActivityV1 = z.object({
  id: z.string().uuid(),
  occurredAt: isoInstant,
  payload: activityPayloadV1,
});

/**
 * ActivitiesRecorded v1: the activities of one OTLP request that belong to one project, in one
 * record (one Kafka record instead of one per span: the per-record costs of the producer, the
 * broker and the consumers are paid once per record). The envelope's `recordedAt` is every
 * activity's; its `occurredAt` is the latest of its activities' starts, so telemetry retention
 * removes the record from an embedded log only once all of them are past the cutoff. Its `id`
 * is `activitiesRecordedEventId`; deduplication and corrections use each activity's own id.
 */
export const activitiesRecordedV1 = envelopeSchema(
  'ActivitiesRecorded',
  1,
  z.object({
    activities: z.array(recordedActivityV1).min(1).max(ACTIVITIES_PER_RECORD_MAX),
  }),
);

/** ActivitiesRecorded in its current version: what ingest publishes. */
export type ActivitiesRecorded = z.infer<typeof activitiesRecordedV1>;

export const ACTIVITIES_RECORDED: EventContract<ActivitiesRecorded> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: activitiesRecordedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};

/**
 * The ActivityRecorded events a record carries, in order: what a consumer of an
 * ActivitiesRecorded record handles, exactly as if each activity had been its own record.
 */
export function recordedActivities(event: ActivitiesRecorded): ActivityRecorded[] {
  const { tenant, projectId, recordedAt } = event;
  return event.payload.activities.map((a) => ({
    id: a.id,
    type: 'ActivityRecorded' as const,
    version: 1 as const,
    tenant,
    projectId,
    occurredAt: a.occurredAt,
    recordedAt,
    payload: a.payload,
  }));
}

/** One activity as an ActivitiesRecorded record carries it. */
export type RecordedActivity = ActivitiesRecorded['payload']['activities'][number];

/**
 * The ActivitiesRecorded event of some activities of one project received together
 * (`activities` non-empty, at most ACTIVITIES_PER_RECORD_MAX; the contract check says so).
 */
export function activitiesRecorded(
  tenant: string,
  projectId: string,
  recordedAt: string,
  activities: RecordedActivity[],
): ActivitiesRecorded {
  let occurredAt = activities[0]?.occurredAt ?? recordedAt;
  let latestMs = Date.parse(occurredAt);
  for (const a of activities) {
    const ms = Date.parse(a.occurredAt);
    if (ms > latestMs) {
      latestMs = ms;
      occurredAt = a.occurredAt;
    }
  }
  return {
    id: activitiesRecordedEventId(
      tenant,
      projectId,
      recordedAt,
      activities.map((a) => a.id),
    ),
    type: 'ActivitiesRecorded',
    version: 1,
    tenant,
    projectId,
    occurredAt,
    recordedAt,
    payload: { activities },
  };
}
