import { createHash } from 'node:crypto';

/**
 * Deterministic id of an ActivityRecorded event: a UUID (v5 layout) over sha-256 of
 * (tenant, traceId, spanId), so a re-sent span maps to the same id everywhere (DESIGN §4).
 */
export function activityEventId(tenant: string, traceId: string, spanId: string): string {
  const digest = createHash('sha256')
    .update(`greenops.activity\u0000${tenant}\u0000${traceId.toLowerCase()}\u0000${spanId.toLowerCase()}`)
    .digest();
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
