import { randomUUID } from 'node:crypto';
import {
  encodeLogRecord,
  retentionEventId,
  TENANT_SCOPE_PROJECT,
  type LegalHoldReleased,
  type LegalHoldSet,
  type LogRecord,
  type RetentionPolicyDefined,
  type RetentionPolicyRetired,
} from '@greenops/contracts';
import type { RetentionActor, RetentionPolicy } from '@greenops/domain';
import { GatewayError } from '../errors/gateway-error';

type RetentionEvent =
  RetentionPolicyDefined | RetentionPolicyRetired | LegalHoldSet | LegalHoldReleased;

interface Envelope {
  id: string;
  version: 1;
  tenant: string;
  projectId: string;
  occurredAt: string;
  recordedAt: string;
}

function envelope(tenant: string, projectId: string, now: Date): Envelope {
  return {
    id: retentionEventId(tenant, randomUUID()),
    version: 1,
    tenant,
    projectId,
    occurredAt: now.toISOString(),
    recordedAt: now.toISOString(),
  };
}

/** The log record of a retention event, checked against its contract (libs/contracts). */
export function retentionRecord(event: RetentionEvent): LogRecord {
  const encoded = encodeLogRecord(event);
  if (!encoded.ok) {
    // The arguments were checked before; a contract failure here names the argument at fault.
    throw GatewayError.invalidArgument(encoded.field.replace(/^payload\./, ''), encoded.reason);
  }
  return encoded.record;
}

export function policyDefined(
  tenant: string,
  policy: RetentionPolicy,
  actor: RetentionActor,
  now: Date,
): RetentionPolicyDefined {
  return {
    ...envelope(tenant, TENANT_SCOPE_PROJECT, now),
    type: 'RetentionPolicyDefined',
    payload: { policy, actor },
  };
}

export function policyRetired(
  tenant: string,
  policyId: string,
  actor: RetentionActor,
  now: Date,
): RetentionPolicyRetired {
  return {
    ...envelope(tenant, TENANT_SCOPE_PROJECT, now),
    type: 'RetentionPolicyRetired',
    payload: { policyId, actor },
  };
}

export function legalHoldSet(
  tenant: string,
  projectId: string,
  artifactId: string,
  actor: RetentionActor & { reason: string },
  now: Date,
): LegalHoldSet {
  return {
    ...envelope(tenant, projectId, now),
    type: 'LegalHoldSet',
    payload: { artifactId, actor },
  };
}

export function legalHoldReleased(
  tenant: string,
  projectId: string,
  artifactId: string,
  actor: RetentionActor,
  now: Date,
): LegalHoldReleased {
  return {
    ...envelope(tenant, projectId, now),
    type: 'LegalHoldReleased',
    payload: { artifactId, actor },
  };
}
