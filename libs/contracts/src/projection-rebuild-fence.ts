import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

/**
 * ProjectionRebuildFence v1: written by the projector into every partition when a tenant's
 * rebuild starts; a rebuild consumer that reaches the fence of its build in a partition has
 * replayed everything written there before it (docs/architecture.md, "Factor sets and
 * projection rebuilds").
 */
export const projectionRebuildFenceV1 = envelopeSchema(
  'ProjectionRebuildFence',
  1,
  z.object({
    buildVersion: z.number().int().min(2),
    factorSetVersion: z.string().min(1),
    partition: z.number().int().min(0),
  }),
);

export type ProjectionRebuildFence = z.infer<typeof projectionRebuildFenceV1>;

export const PROJECTION_REBUILD_FENCE: EventContract<ProjectionRebuildFence> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: projectionRebuildFenceV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
