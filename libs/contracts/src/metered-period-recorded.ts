import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema, isoInstant } from './envelope';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

/** Most outputs one period may be shared across (one event, one bounded piece of work). */
export const MAX_METERED_PERIOD_OUTPUTS = 10_000;

const outputV1 = z.object({
  projectId: z.string().min(1).max(200),
  artifactId: z.string().min(1).max(200).optional(),
  /** The output's amount of the allocation key (GPU-hours or job-hours) in the period. */
  quantity: z.number().finite().nonnegative(),
});

const meteredPeriodV1 = z.object({
  /** The client's id of the reading; the same id again is a correction of it. */
  periodId: z.string().min(1).max(200),
  /** What was metered, e.g. `render-farm-ldn`. */
  site: z.string().min(1).max(200),
  from: isoInstant,
  to: isoInstant,
  /** Metered IT energy of the period, kWh (facility overhead is added with the site's PUE). */
  energyKwh: z.number().finite().nonnegative().max(1e9),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals')
    .optional(),
  facilityType: z.enum(['workstation', 'server-room', 'data-centre']).optional(),
  /** Hardware behind the meter, for its embodied share over the period. */
  hwModel: z.string().min(1).max(200).optional(),
  hwCount: z.number().int().positive().max(1_000_000).optional(),
  key: z.enum(['gpu-hours', 'job-hours']),
  outputs: z.array(outputV1).min(1).max(MAX_METERED_PERIOD_OUTPUTS),
  /** Capacity provisioned over the period in the key's unit, or idle IT energy measured. */
  idleCapacity: z.number().finite().positive().optional(),
  idleEnergyItKwh: z.number().finite().nonnegative().optional(),
});

/**
 * MeteredPeriodRecorded v1: a period's metered energy (a render farm's monthly meter reading)
 * to be allocated across the period's outputs by a stated key, with idle capacity as its own
 * component (Carbon Trust, "The carbon impact of AI video generation", June 2026, Table 7
 * method 3 and §6.1.2; docs/methodology.md §6b). Travels on the activities topic under the
 * tenant's pseudo project: its outputs may belong to several projects.
 */
export const meteredPeriodRecordedV1 = envelopeSchema('MeteredPeriodRecorded', 1, meteredPeriodV1);

export type MeteredPeriodRecorded = z.infer<typeof meteredPeriodRecordedV1>;

export const METERED_PERIOD_RECORDED: EventContract<MeteredPeriodRecorded> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: meteredPeriodRecordedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
