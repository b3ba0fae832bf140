import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/**
 * RetentionDeletionFailed v1, on `greenops.retention.confirmations.v1`: the holder could not
 * delete (docs/retention.md, "Confirmation schema"); the reason is required. A later
 * enforcement may request the holding again, under a new request id.
 */
export const retentionDeletionFailedV1 = envelopeSchema(
  'RetentionDeletionFailed',
  1,
  z.object({
    requestId: z.string().uuid(),
    actor: retentionActorV1.required({ reason: true }),
  }),
);

export type RetentionDeletionFailed = z.infer<typeof retentionDeletionFailedV1>;

export const RETENTION_DELETION_FAILED: EventContract<RetentionDeletionFailed> = {
  topic: TOPICS.retentionConfirmations,
  versions: [{ version: 1, schema: retentionDeletionFailedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.payload.requestId),
};
