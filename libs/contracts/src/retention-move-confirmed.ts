import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/**
 * RetentionMoveConfirmed v1, on `greenops.retention.confirmations.v1`: the holder moved the
 * request's bytes to its target tier (docs/retention.md, "Move confirmations"). Written by
 * `confirmMove` or by a holder on Kafka; the envelope's tenant must be the request's.
 */
export const retentionMoveConfirmedV1 = envelopeSchema(
  'RetentionMoveConfirmed',
  1,
  z.object({
    requestId: z.string().uuid(),
    movedBytes: z.number().nonnegative(),
    actor: retentionActorV1,
  }),
);

export type RetentionMoveConfirmed = z.infer<typeof retentionMoveConfirmedV1>;

export const RETENTION_MOVE_CONFIRMED: EventContract<RetentionMoveConfirmed> = {
  topic: TOPICS.retentionConfirmations,
  versions: [{ version: 1, schema: retentionMoveConfirmedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.payload.requestId),
};
