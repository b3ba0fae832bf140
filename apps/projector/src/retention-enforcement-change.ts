import type { LogEvent } from '@greenops/contracts';
import type { EnforcementChange } from '@greenops/persistence';

/**
 * The enforcement change an event makes (docs/retention.md, "Enforcement"): a decision's
 * deletion and move requests, or a holder's answer to one. Undefined for every other event.
 */
export function enforcementChange(event: LogEvent): EnforcementChange | undefined {
  if (event.type === 'RejectedSpan') return undefined;
  const base = { tenant: event.tenant, eventId: event.id, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'RetentionDeletionsDecided': {
      const p = event.payload;
      return {
        ...base,
        type: 'deletionsDecided',
        keyId: p.actor.keyId,
        reason: p.actor.reason ?? null,
        idempotencyKey: p.idempotencyKey,
        policyId: p.policyId ?? null,
        policyRef: p.policyRef ?? null,
        // v1 records arrive as v2 without `move`: deletions.
        requests: p.requests.map((r) => ({ ...r, uri: r.uri ?? null, move: r.move ?? null })),
      };
    }
    case 'RetentionDeletionConfirmed':
      return {
        ...base,
        type: 'deletionConfirmed',
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason ?? null,
        requestId: event.payload.requestId,
        deletedBytes: event.payload.deletedBytes,
      };
    case 'RetentionDeletionFailed':
      return {
        ...base,
        type: 'deletionFailed',
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason,
        requestId: event.payload.requestId,
      };
    case 'RetentionMoveConfirmed':
      return {
        ...base,
        type: 'moveConfirmed',
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason ?? null,
        requestId: event.payload.requestId,
        movedBytes: event.payload.movedBytes,
      };
    case 'RetentionMoveFailed':
      return {
        ...base,
        type: 'moveFailed',
        keyId: event.payload.actor.keyId,
        reason: event.payload.actor.reason,
        requestId: event.payload.requestId,
      };
    default:
      return undefined;
  }
}
