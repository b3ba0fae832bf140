import { STORAGE_MEDIA_TIERS } from '@greenops/domain';
import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema, isoInstant } from './envelope';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

/**
 * RetentionMoveRequested v1, on `greenops.retention.commands.v1` (docs/retention.md, "Move
 * commands"): a command to the holder of `storageSystem` to move the artifact's bytes there
 * from `fromMedia` to the `toMedia` tier, keeping them. A type of its own, not a field of
 * RetentionDeletionRequested: a holder that knows only deletions passes it over by its type
 * and can never read a move as a deletion. Delivered at least once with a stable `requestId`.
 */
export const retentionMoveRequestedV1 = envelopeSchema(
  'RetentionMoveRequested',
  1,
  z.object({
    requestId: z.string().uuid(),
    artifactId: z.string().min(1).max(256),
    storageSystem: z.string().min(1).max(256),
    uri: z.string().max(2000).optional(),
    bytes: z.number().nonnegative(),
    fromMedia: z.enum(STORAGE_MEDIA_TIERS),
    toMedia: z.enum(STORAGE_MEDIA_TIERS),
    deadline: isoInstant,
    /** 1 for the first send, then 2, 3… for each re-send of an OVERDUE request. */
    sendNumber: z.number().int().min(1),
    policyId: z.string().uuid().optional(),
    policyRef: z.string().min(1).max(500).optional(),
  }),
);

export type RetentionMoveRequested = z.infer<typeof retentionMoveRequestedV1>;

export const RETENTION_MOVE_REQUESTED: EventContract<RetentionMoveRequested> = {
  topic: TOPICS.retentionCommands,
  versions: [{ version: 1, schema: retentionMoveRequestedV1 }],
  // The same key as a deletion's: one system's commands of either kind stay in order.
  partitionKey: (event) => partitionKey(event.tenant, event.payload.storageSystem),
};
