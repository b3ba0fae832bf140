import { z } from 'zod';
import { ACTIVITY_KINDS, type Activity } from '@greenops/domain';
import type { EventContract } from './event-contract';
import { envelopeSchema, isoInstant } from './envelope';
import type { MutuallyAssignable } from './mutually-assignable';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

const finite = z.number().finite();
const nonNegative = finite.nonnegative();
const positive = finite.positive();
/** Counts of discrete things (tokens, frames, pixels). */
const count = finite.int().nonnegative();

// The value rules are those of the span attributes the fields come from
// (docs/semantic-conventions.md; libs/semconv reads them).
const hardwareV1 = z.object({
  model: z.string().optional(),
  count: nonNegative.optional(),
  powerW: nonNegative.optional(),
  utilization: finite.min(0).max(1).optional(),
  embodiedKgCo2e: nonNegative.optional(),
  lifetimeH: positive.optional(),
});

const aiV1 = z.object({
  model: z.string().optional(),
  modality: z.enum(['text', 'image', 'video', 'upscale', 'audio']).optional(),
  inputTokens: count.optional(),
  outputTokens: count.optional(),
  video: z
    .object({
      width: count.optional(),
      height: count.optional(),
      frames: count.optional(),
      fps: positive.optional(),
      durationS: nonNegative.optional(),
    })
    .optional(),
  denoisingSteps: count.optional(),
  images: count.optional(),
  credits: nonNegative.optional(),
  /** Clips of the stated spec one span covers (training option 1b counts inferences by it). */
  videos: finite.int().min(1).optional(),
});

const measurementsV1 = z.object({
  energyKwh: nonNegative.optional(),
  /** `facility`: energyKwh already includes the facility overhead (no PUE on top). */
  energyBoundary: z.enum(['it', 'facility']).optional(),
  facilityType: z.enum(['workstation', 'server-room', 'data-centre']).optional(),
  /** Share of the hardware's embodied emissions this activity carries, 0..1. */
  embodiedShare: finite.min(0).max(1).optional(),
  intensityGPerKwh: nonNegative.optional(),
  marketIntensityGPerKwh: nonNegative.optional(),
  pue: finite.min(1).optional(),
  cloudProvider: z.string().optional(),
  cloudRegion: z.string().optional(),
  country: z.string().optional(),
  hw: hardwareV1.optional(),
  ai: aiV1.optional(),
  transferBytes: nonNegative.optional(),
  storage: z
    .object({
      bytes: nonNegative,
      media: z.enum(['ssd', 'hdd', 'tape', 'object']).optional(),
      replication: finite.int().min(1).optional(),
      system: z.string().min(1).max(256).optional(),
      uri: z.string().min(1).max(1024).optional(),
    })
    .optional(),
  travel: z
    .object({
      mode: z.enum(['flight', 'car', 'van', 'rail', 'taxi', 'ferry']),
      distanceKm: nonNegative,
      passengers: finite.int().min(1).optional(),
      cabinClass: z.string().optional(),
    })
    .optional(),
  fuel: z.object({ type: z.string(), litres: nonNegative }).optional(),
  onset: z
    .object({ source: z.string().optional(), lightingType: z.string().optional() })
    .optional(),
  accommodationNights: nonNegative.optional(),
});

/**
 * The activity an ActivityRecorded event carries, and each activity of an ActivitiesRecorded
 * event: one span (libs/domain `Activity` without the tenant and project, which the envelope
 * carries).
 */
export const activityPayloadV1 = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  name: z.string(),
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  spanId: z.string().regex(/^[0-9a-f]{16}$/),
  startTime: isoInstant,
  endTime: isoInstant,
  durationS: nonNegative,
  artifact: z
    .object({
      id: z.string().min(1),
      parentId: z.string().min(1).optional(),
      kind: z.string().optional(),
      status: z.string().optional(),
      /** Length of the delivered clip (greenops.artifact.duration_s); added to v1, optional. */
      durationS: nonNegative.optional(),
    })
    .optional(),
  measurements: measurementsV1,
});

/**
 * ActivityRecorded v1: one span as one activity (libs/domain `Activity` without the tenant and
 * project, which the envelope carries). `occurredAt` is the span's start.
 */
export const activityRecordedV1 = envelopeSchema('ActivityRecorded', 1, activityPayloadV1);

/**
 * ActivityRecorded in its current version: one activity as consumers handle it. Ingest publishes
 * activities in ActivitiesRecorded records (activities-recorded.ts), which consumers unpack into
 * these; records of this type already on the log are read as they are.
 */
export type ActivityRecorded = z.infer<typeof activityRecordedV1>;

// The payload is the domain's Activity, field for field: neither can change without the other.
const _payloadIsTheActivity: MutuallyAssignable<
  ActivityRecorded['payload'],
  Omit<Activity, 'tenant' | 'projectId'>
> = true;

export const ACTIVITY_RECORDED: EventContract<ActivityRecorded> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: activityRecordedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
