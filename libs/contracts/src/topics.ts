/**
 * The log's topics. A topic's name carries its version: a change its consumers cannot read is a
 * new topic, never a new meaning of an old one (docs/architecture.md, "Event contracts").
 */
export const TOPICS = {
  /** ActivityRecorded, and the tenant-level FactorSetPublished and ProjectionRebuildFence. */
  activities: 'greenops.activities.v1',
  /** RejectedSpan: the spans ingest refused, with the field and the reason. */
  activitiesDlq: 'greenops.activities.dlq.v1',
  /** RetentionDeletionRequested: commands to media holders, one per (artifact, storage system). */
  retentionCommands: 'greenops.retention.commands.v1',
  /** RetentionDeletionConfirmed / RetentionDeletionFailed: media holders' answers. */
  retentionConfirmations: 'greenops.retention.confirmations.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];
