import type { Activity } from './activity';

/** Kafka topics: versioned in their names (docs/architecture.md). */
export const TOPICS = {
  activities: 'greenops.activities.v1',
  activitiesDlq: 'greenops.activities.dlq.v1',
  retentionCommands: 'greenops.retention.commands.v1',
} as const;

export const EVENT_TYPES = [
  'ActivityRecorded',
  'ArtifactStatusChanged',
  'FactorSetPublished',
  'RetentionPolicyDefined',
  'RetentionDeletionRequested',
  'RetentionDeletionConfirmed',
  'ProjectionRebuildFence',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Envelope (docs/architecture.md): JSON on Kafka, one row in the embedded log. */
export interface EventEnvelope<TType extends EventType = EventType, TPayload = unknown> {
  id: string;
  type: TType;
  version: number;
  tenant: string;
  projectId: string;
  occurredAt: string;
  recordedAt: string;
  payload: TPayload;
}

export type ActivityRecordedPayload = Omit<Activity, 'tenant' | 'projectId'>;
export type ActivityRecorded = EventEnvelope<'ActivityRecorded', ActivityRecordedPayload>;

/** A span that ingest refused, with the field and reason; published to the DLQ. */
export interface RejectedSpan {
  tenant: string;
  traceId: string;
  spanId: string;
  name: string;
  field: string;
  reason: string;
  rejectedAt: string;
}

/** Partition key: all events of one project stay ordered on one partition. */
export function partitionKey(tenant: string, projectId: string): string {
  return `${tenant}/${projectId}`;
}
