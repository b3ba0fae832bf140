import { z } from 'zod';
import { ACTIVITY_KINDS, type ActivityRecorded } from '@greenops/domain';

const finite = z.number().finite();
const optionalNonNegative = finite.nonnegative().optional();

const measurementsSchema = z
  .object({
    energyKwh: optionalNonNegative,
    intensityGPerKwh: optionalNonNegative,
    marketIntensityGPerKwh: optionalNonNegative,
    pue: finite.min(1).optional(),
    cloudProvider: z.string().optional(),
    cloudRegion: z.string().optional(),
    country: z.string().optional(),
    hw: z
      .object({
        model: z.string().optional(),
        count: optionalNonNegative,
        powerW: optionalNonNegative,
        utilization: finite.min(0).max(1).optional(),
        embodiedKgCo2e: optionalNonNegative,
        lifetimeH: finite.positive().optional(),
      })
      .optional(),
    transferBytes: optionalNonNegative,
    accommodationNights: optionalNonNegative,
  })
  // Kind-specific blocks (ai, storage, travel, fuel, onset) are checked by the methodology,
  // which names the attribute it cannot use.
  .passthrough();

/** ActivityRecorded v1: every consumed payload is validated, never trusted: the log can hold anything a producer wrote. */
export const activityRecordedV1Schema = z.object({
  id: z.string().uuid(),
  type: z.literal('ActivityRecorded'),
  version: z.literal(1),
  tenant: z.string().min(1),
  projectId: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  recordedAt: z.string().datetime({ offset: true }),
  payload: z.object({
    kind: z.enum(ACTIVITY_KINDS),
    name: z.string(),
    traceId: z.string().regex(/^[0-9a-f]{32}$/),
    spanId: z.string().regex(/^[0-9a-f]{16}$/),
    startTime: z.string().datetime({ offset: true }),
    endTime: z.string().datetime({ offset: true }),
    durationS: finite.nonnegative(),
    artifact: z
      .object({
        id: z.string().min(1),
        parentId: z.string().min(1).optional(),
        kind: z.string().optional(),
        status: z.string().optional(),
      })
      .optional(),
    measurements: measurementsSchema,
  }),
});

export type ParsedEvent =
  { ok: true; event: ActivityRecorded } | { ok: false; field: string; reason: string };

export function parseActivityRecorded(value: unknown): ParsedEvent {
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { unparseable?: boolean }).unparseable
  ) {
    return { ok: false, field: '(record)', reason: (value as { reason: string }).reason };
  }
  const result = activityRecordedV1Schema.safeParse(value);
  if (result.success) return { ok: true, event: result.data as ActivityRecorded };
  const issue = result.error.issues[0];
  return { ok: false, field: issue.path.join('.') || '(envelope)', reason: issue.message };
}
