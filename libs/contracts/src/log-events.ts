import { z } from 'zod';
import { ACTIVITIES_RECORDED, activitiesRecordedV1 } from './activities-recorded';
import { ACTIVITY_RECORDED, activityRecordedV1 } from './activity-recorded';
import { ARTIFACT_STATUS_CHANGED, artifactStatusChangedV1 } from './artifact-status-changed';
import { EventRegistry, type ParsedLogRecord, type PlacementOptions } from './event-registry';
import { FACTOR_SET_PUBLISHED, factorSetPublishedV1 } from './factor-set-published';
import { LogRecord, type EncodedLogRecord } from './log-record';
import { PROJECTION_REBUILD_FENCE, projectionRebuildFenceV1 } from './projection-rebuild-fence';
import { PROJECT_DECLARED, projectDeclaredV1 } from './project-declared';
import { METERED_PERIOD_RECORDED, meteredPeriodRecordedV1 } from './metered-period-recorded';
import { REJECTED_SPAN, rejectedSpanV1 } from './rejected-span';
import { LEGAL_HOLD_RELEASED, legalHoldReleasedV1 } from './legal-hold-released';
import { LEGAL_HOLD_SET, legalHoldSetV1 } from './legal-hold-set';
import { RETENTION_POLICY_DEFINED, retentionPolicyDefinedV1 } from './retention-policy-defined';
import { RETENTION_POLICY_RETIRED, retentionPolicyRetiredV1 } from './retention-policy-retired';
import {
  RETENTION_DELETIONS_DECIDED,
  retentionDeletionsDecidedV2,
} from './retention-deletions-decided';
import {
  RETENTION_DELETION_REQUESTED,
  retentionDeletionRequestedV1,
} from './retention-deletion-requested';
import {
  RETENTION_DELETION_CONFIRMED,
  retentionDeletionConfirmedV1,
} from './retention-deletion-confirmed';
import { RETENTION_DELETION_FAILED, retentionDeletionFailedV1 } from './retention-deletion-failed';
import { RETENTION_MOVE_REQUESTED, retentionMoveRequestedV1 } from './retention-move-requested';
import { RETENTION_MOVE_CONFIRMED, retentionMoveConfirmedV1 } from './retention-move-confirmed';
import { RETENTION_MOVE_FAILED, retentionMoveFailedV1 } from './retention-move-failed';
import { TOPICS } from './topics';

/** The current version of every event type on the log, told apart by `type`. */
const CURRENT_EVENTS = z.discriminatedUnion('type', [
  activityRecordedV1,
  activitiesRecordedV1,
  artifactStatusChangedV1,
  factorSetPublishedV1,
  projectionRebuildFenceV1,
  projectDeclaredV1,
  meteredPeriodRecordedV1,
  rejectedSpanV1,
  retentionPolicyDefinedV1,
  retentionPolicyRetiredV1,
  legalHoldSetV1,
  legalHoldReleasedV1,
  retentionDeletionsDecidedV2,
  retentionDeletionRequestedV1,
  retentionDeletionConfirmedV1,
  retentionDeletionFailedV1,
  retentionMoveRequestedV1,
  retentionMoveConfirmedV1,
  retentionMoveFailedV1,
]);

/** Any event of the log, in its current version. */
export type LogEvent = z.infer<typeof CURRENT_EVENTS>;

/**
 * The registry of the log (docs/architecture.md, "Event contracts"). To add a type or a
 * version, see libs/contracts/README.md.
 */
export const EVENT_REGISTRY = new EventRegistry(
  CURRENT_EVENTS,
  {
    ActivityRecorded: ACTIVITY_RECORDED,
    ActivitiesRecorded: ACTIVITIES_RECORDED,
    ArtifactStatusChanged: ARTIFACT_STATUS_CHANGED,
    FactorSetPublished: FACTOR_SET_PUBLISHED,
    ProjectionRebuildFence: PROJECTION_REBUILD_FENCE,
    ProjectDeclared: PROJECT_DECLARED,
    MeteredPeriodRecorded: METERED_PERIOD_RECORDED,
    RejectedSpan: REJECTED_SPAN,
    RetentionPolicyDefined: RETENTION_POLICY_DEFINED,
    RetentionPolicyRetired: RETENTION_POLICY_RETIRED,
    LegalHoldSet: LEGAL_HOLD_SET,
    LegalHoldReleased: LEGAL_HOLD_RELEASED,
    RetentionDeletionsDecided: RETENTION_DELETIONS_DECIDED,
    RetentionDeletionRequested: RETENTION_DELETION_REQUESTED,
    RetentionDeletionConfirmed: RETENTION_DELETION_CONFIRMED,
    RetentionDeletionFailed: RETENTION_DELETION_FAILED,
    RetentionMoveRequested: RETENTION_MOVE_REQUESTED,
    RetentionMoveConfirmed: RETENTION_MOVE_CONFIRMED,
    RetentionMoveFailed: RETENTION_MOVE_FAILED,
  },
  // Dead-letter records named neither their type nor their version before the registry existed.
  { [TOPICS.activitiesDlq]: { type: 'RejectedSpan', version: 1 } },
);

/**
 * Consumers: every consumed record goes through this, once, before it is used. The log is
 * never trusted; a record that fails is reported with its field and reason, never thrown.
 */
export function parseLogRecord(topic: string, value: unknown): ParsedLogRecord<LogEvent> {
  return EVENT_REGISTRY.parse(topic, value);
}

/**
 * Producers: the one way to make a record the publisher port takes. An event that fails its own
 * contract is a producer bug; the caller decides what it means (ingest turns that span into a
 * rejection).
 */
export function encodeLogRecord(
  event: LogEvent,
  options?: PlacementOptions,
): EncodedLogRecord<LogEvent> {
  return LogRecord.encode(EVENT_REGISTRY, event, options);
}
