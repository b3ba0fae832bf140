import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/** LegalHoldReleased v1: the hold on an artifact of the envelope's project ends (docs/retention.md). */
export const legalHoldReleasedV1 = envelopeSchema(
  'LegalHoldReleased',
  1,
  z.object({
    artifactId: z.string().min(1).max(256),
    actor: retentionActorV1,
  }),
);

export type LegalHoldReleased = z.infer<typeof legalHoldReleasedV1>;

export const LEGAL_HOLD_RELEASED: EventContract<LegalHoldReleased> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: legalHoldReleasedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
