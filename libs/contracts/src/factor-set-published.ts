import { z } from 'zod';
import { QUALITATIVE_RATINGS, type FactorOverride } from '@greenops/domain';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import type { MutuallyAssignable } from './mutually-assignable';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

const factorOverrideV1 = z.object({
  id: z.string().min(1).max(200),
  value: z.number().finite(),
  unit: z.string().min(1),
  source: z.string().min(1),
  year: z.number().int().min(1990).max(2100),
  low: z.number().finite().optional(),
  high: z.number().finite().optional(),
  uncertaintyRating: z.enum(QUALITATIVE_RATINGS).optional(),
  note: z.string().optional(),
});

const _overrideIsTheDomainFactor: MutuallyAssignable<
  z.infer<typeof factorOverrideV1>,
  FactorOverride
> = true;

/**
 * FactorSetPublished v1: a tenant's overrides of the shipped catalogue `baseVersion`
 * (docs/methodology.md, "Factor sets and versions"). Travels on the activities topic under the
 * tenant's pseudo project, so the projector meets it in order with the activities.
 */
export const factorSetPublishedV1 = envelopeSchema(
  'FactorSetPublished',
  1,
  z.object({
    version: z.string().min(1).max(200),
    baseVersion: z.string().min(1),
    name: z.string().min(1).max(200),
    factors: z.array(factorOverrideV1).min(1).max(10000),
  }),
);

export type FactorSetPublished = z.infer<typeof factorSetPublishedV1>;

export const FACTOR_SET_PUBLISHED: EventContract<FactorSetPublished> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: factorSetPublishedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
