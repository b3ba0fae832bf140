import { z } from 'zod';

/** An instant as ISO 8601 with an offset (`2026-11-02T09:00:00.000Z`); years 0000–9999 only. */
export const isoInstant = z.string().datetime({ offset: true });

/**
 * The envelope every event on the activities topic shares: who (`tenant`, `projectId`), which
 * event (`id`, deterministic: see event-id.ts), which contract (`type`, `version`), when it
 * happened (`occurredAt`) and when the platform learnt of it (`recordedAt`).
 */
export function envelopeSchema<
  TType extends string,
  TVersion extends number,
  TPayload extends z.ZodTypeAny,
>(type: TType, version: TVersion, payload: TPayload) {
  return z.object({
    id: z.string().uuid(),
    type: z.literal(type),
    version: z.literal(version),
    tenant: z.string().min(1),
    projectId: z.string().min(1),
    occurredAt: isoInstant,
    recordedAt: isoInstant,
    payload,
  });
}
