import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/**
 * RetentionDeletionConfirmed v1, on `greenops.retention.confirmations.v1`: the holder deleted
 * the request's bytes (docs/retention.md, "Confirmation schema"). Written by `confirmDeletion`
 * or by a holder on Kafka; the envelope's tenant must be the request's.
 */
export const retentionDeletionConfirmedV1 = envelopeSchema(
  'RetentionDeletionConfirmed',
  1,
  z.object({
    requestId: z.string().uuid(),
    deletedBytes: z.number().nonnegative(),
    actor: retentionActorV1,
  }),
);

export type RetentionDeletionConfirmed = z.infer<typeof retentionDeletionConfirmedV1>;

export const RETENTION_DELETION_CONFIRMED: EventContract<RetentionDeletionConfirmed> = {
  topic: TOPICS.retentionConfirmations,
  versions: [{ version: 1, schema: retentionDeletionConfirmedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.payload.requestId),
};
