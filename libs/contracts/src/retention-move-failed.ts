import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/**
 * RetentionMoveFailed v1, on `greenops.retention.confirmations.v1`: the holder could not move
 * (docs/retention.md, "Move confirmations"); the reason is required. A later enforcement may
 * request the move again, under a new request id.
 */
export const retentionMoveFailedV1 = envelopeSchema(
  'RetentionMoveFailed',
  1,
  z.object({
    requestId: z.string().uuid(),
    actor: retentionActorV1.required({ reason: true }),
  }),
);

export type RetentionMoveFailed = z.infer<typeof retentionMoveFailedV1>;

export const RETENTION_MOVE_FAILED: EventContract<RetentionMoveFailed> = {
  topic: TOPICS.retentionConfirmations,
  versions: [{ version: 1, schema: retentionMoveFailedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.payload.requestId),
};
