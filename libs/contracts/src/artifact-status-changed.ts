import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

/**
 * ArtifactStatusChanged v1: an artifact took a status (draft, approved, rejected, superseded,
 * final, …) at `occurredAt`, through the setArtifactStatus mutation. Statuses spans carry
 * (`greenops.artifact.status`) join the same history from their ActivityRecorded events.
 * Travels under the project's key, in order with its activities.
 */
export const artifactStatusChangedV1 = envelopeSchema(
  'ArtifactStatusChanged',
  1,
  z.object({
    artifactId: z.string().min(1).max(256),
    status: z.string().min(1).max(64),
    note: z.string().max(2000).optional(),
  }),
);

export type ArtifactStatusChanged = z.infer<typeof artifactStatusChangedV1>;

export const ARTIFACT_STATUS_CHANGED: EventContract<ArtifactStatusChanged> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: artifactStatusChangedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
