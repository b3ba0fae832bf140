import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/**
 * LegalHoldSet v1: an artifact of the envelope's project, and everything feeding it, must not
 * be deleted until the hold is released (docs/retention.md). The reason is required.
 */
export const legalHoldSetV1 = envelopeSchema(
  'LegalHoldSet',
  1,
  z.object({
    artifactId: z.string().min(1).max(256),
    actor: retentionActorV1.required({ reason: true }),
  }),
);

export type LegalHoldSet = z.infer<typeof legalHoldSetV1>;

export const LEGAL_HOLD_SET: EventContract<LegalHoldSet> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: legalHoldSetV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
