import { datetimeRegex, z } from 'zod';

/**
 * An instant as ISO 8601 with an offset (`2026-11-02T09:00:00.000Z`); years 0000–9999 only.
 * The pattern is zod's own for `datetime({ offset: true })`, compiled once: `.datetime()`
 * compiles it again for every value it checks, which made up a third of the cost of checking
 * an ActivityRecorded event.
 */
const ISO_INSTANT = datetimeRegex({ offset: true, local: false, precision: null });
export const isoInstant = z.string().regex(ISO_INSTANT, 'Invalid datetime');

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
