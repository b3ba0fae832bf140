import { randomUUID } from 'node:crypto';
import {
  deletionDecisionEventId,
  deletionRequestId,
  encodeLogRecord,
  moveRequestId,
  retentionEventId,
  TENANT_SCOPE_PROJECT,
  type RetentionDeletionConfirmed,
  type RetentionDeletionFailed,
  type RetentionDeletionsDecided,
  type RetentionMoveConfirmed,
  type RetentionMoveFailed,
  type LogRecord,
} from '@greenops/contracts';
import type { RetentionActor } from '@greenops/domain';
import type { DeletionTarget } from '@greenops/methodology';
import { GatewayError } from '../errors/gateway-error';

/** The log record of an enforcement event, checked against its contract (libs/contracts). */
export function enforcementRecord(
  event:
    | RetentionDeletionsDecided
    | RetentionDeletionConfirmed
    | RetentionDeletionFailed
    | RetentionMoveConfirmed
    | RetentionMoveFailed,
): LogRecord {
  const encoded = encodeLogRecord(event);
  if (!encoded.ok) {
    // The arguments were checked before; a contract failure here names the argument at fault.
    throw GatewayError.invalidArgument(encoded.field.replace(/^payload\./, ''), encoded.reason);
  }
  return encoded.record;
}

/**
 * The decision of an enforcement or a policy engine: one event per (tenant, idempotency key),
 * its requests' ids stable per holding (libs/contracts event-id.ts): a deletion's per holding
 * and generation, a move's per holding, target tier and generation.
 */
export function deletionsDecided(
  tenant: string,
  idempotencyKey: string,
  origin: { policyId: string } | { policyRef: string },
  targets: DeletionTarget[],
  deadline: Date,
  actor: RetentionActor,
  now: Date,
): RetentionDeletionsDecided {
  return {
    id: deletionDecisionEventId(tenant, idempotencyKey),
    type: 'RetentionDeletionsDecided',
    version: 2,
    tenant,
    projectId: TENANT_SCOPE_PROJECT,
    occurredAt: now.toISOString(),
    recordedAt: now.toISOString(),
    payload: {
      idempotencyKey,
      ...origin,
      requests: targets.map((t) => ({
        requestId: t.move
          ? moveRequestId(
              tenant,
              t.projectId,
              t.artifactId,
              t.storageSystem,
              t.move.toMedia,
              t.generation,
            )
          : deletionRequestId(tenant, t.projectId, t.artifactId, t.storageSystem, t.generation),
        projectId: t.projectId,
        artifactId: t.artifactId,
        storageSystem: t.storageSystem,
        ...(t.uri ? { uri: t.uri } : {}),
        bytes: t.bytes,
        co2eGPerDay: t.co2eGPerDay,
        deadline: deadline.toISOString(),
        ...(t.move ? { move: t.move } : {}),
      })),
      actor,
    },
  };
}

function answerEnvelope(tenant: string, projectId: string, now: Date) {
  return {
    id: retentionEventId(tenant, randomUUID()),
    version: 1 as const,
    tenant,
    projectId,
    occurredAt: now.toISOString(),
    recordedAt: now.toISOString(),
  };
}

export function deletionConfirmed(
  tenant: string,
  projectId: string,
  requestId: string,
  deletedBytes: number,
  actor: RetentionActor,
  now: Date,
): RetentionDeletionConfirmed {
  return {
    ...answerEnvelope(tenant, projectId, now),
    type: 'RetentionDeletionConfirmed',
    payload: { requestId, deletedBytes, actor },
  };
}

export function deletionFailed(
  tenant: string,
  projectId: string,
  requestId: string,
  actor: RetentionActor & { reason: string },
  now: Date,
): RetentionDeletionFailed {
  return {
    ...answerEnvelope(tenant, projectId, now),
    type: 'RetentionDeletionFailed',
    payload: { requestId, actor },
  };
}

export function moveConfirmed(
  tenant: string,
  projectId: string,
  requestId: string,
  movedBytes: number,
  actor: RetentionActor,
  now: Date,
): RetentionMoveConfirmed {
  return {
    ...answerEnvelope(tenant, projectId, now),
    type: 'RetentionMoveConfirmed',
    payload: { requestId, movedBytes, actor },
  };
}

export function moveFailed(
  tenant: string,
  projectId: string,
  requestId: string,
  actor: RetentionActor & { reason: string },
  now: Date,
): RetentionMoveFailed {
  return {
    ...answerEnvelope(tenant, projectId, now),
    type: 'RetentionMoveFailed',
    payload: { requestId, actor },
  };
}
