import { deterministicEventId } from './factor-set-events';

/**
 * Deterministic id of an ActivityRecorded event: a UUID (v5 layout) over sha-256 of
 * (tenant, traceId, spanId), so a re-sent span maps to the same id everywhere (docs/architecture.md, "Exactly-once effect").
 */
export function activityEventId(tenant: string, traceId: string, spanId: string): string {
  return deterministicEventId(
    'greenops.activity',
    tenant,
    traceId.toLowerCase(),
    spanId.toLowerCase(),
  );
}
