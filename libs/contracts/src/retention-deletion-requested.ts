import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema, isoInstant } from './envelope';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

/**
 * RetentionDeletionRequested v1, on `greenops.retention.commands.v1` (docs/retention.md,
 * "Command schema"): a command to the holder of `storageSystem` to delete the artifact's bytes
 * there. Delivered at least once: `requestId` is stable across re-sends (`sendNumber` counts
 * them; the envelope id is per send), so a holder acts on a request id once.
 */
export const retentionDeletionRequestedV1 = envelopeSchema(
  'RetentionDeletionRequested',
  1,
  z.object({
    requestId: z.string().uuid(),
    artifactId: z.string().min(1).max(256),
    storageSystem: z.string().min(1).max(256),
    uri: z.string().max(2000).optional(),
    bytes: z.number().nonnegative(),
    deadline: isoInstant,
    /** 1 for the first send, then 2, 3… for each re-send of an OVERDUE request. */
    sendNumber: z.number().int().min(1),
    policyId: z.string().uuid().optional(),
    policyRef: z.string().min(1).max(500).optional(),
  }),
);

export type RetentionDeletionRequested = z.infer<typeof retentionDeletionRequestedV1>;

export const RETENTION_DELETION_REQUESTED: EventContract<RetentionDeletionRequested> = {
  topic: TOPICS.retentionCommands,
  versions: [{ version: 1, schema: retentionDeletionRequestedV1 }],
  // A holder's consumers split the work by system; one system's commands stay in order.
  partitionKey: (event) => partitionKey(event.tenant, event.payload.storageSystem),
};
