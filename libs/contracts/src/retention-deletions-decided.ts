import { STORAGE_MEDIA_TIERS } from '@greenops/domain';
import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema, isoInstant } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/** Deletion requests one decision may carry: a wider policy is enforced again with a new key. */
export const MAX_REQUESTS_PER_DECISION = 1000;

const rangeV1 = z.object({
  low: z.number().nonnegative(),
  nominal: z.number().nonnegative(),
  high: z.number().nonnegative(),
});

/** One deletion request of a decision: one holding (artifact × storage system). */
export const deletionRequestV1 = z.object({
  requestId: z.string().uuid(),
  projectId: z.string().min(1).max(256),
  artifactId: z.string().min(1).max(256),
  storageSystem: z.string().min(1).max(256),
  uri: z.string().max(2000).optional(),
  bytes: z.number().nonnegative(),
  /** The holding's rate when requested (g CO2e/day): what its deletion will avoid. */
  co2eGPerDay: rangeV1,
  /** When the holder must have answered; after it the request is OVERDUE and re-sent. */
  deadline: isoInstant,
});

/**
 * RetentionDeletionsDecided v1 (docs/retention.md, "Enforcement"): an enforcement of a policy
 * (`policyId`) or a policy engine's own decision (`policyRef`), with the deletion requests it
 * makes, decided by the gateway from the holdings, lineage and legal holds it read. Tenant
 * scope (pseudo project), id from the idempotency key: a retried call is the same event.
 */
export const retentionDeletionsDecidedV1 = envelopeSchema(
  'RetentionDeletionsDecided',
  1,
  z.object({
    idempotencyKey: z.string().min(1).max(200),
    policyId: z.string().uuid().optional(),
    policyRef: z.string().min(1).max(500).optional(),
    requests: z.array(deletionRequestV1).max(MAX_REQUESTS_PER_DECISION),
    actor: retentionActorV1,
  }),
);

/**
 * A v2 request may be a MOVE: `move` names the tier the holding is on and the tier it goes to,
 * and `co2eGPerDay` is then what the move avoids (rate now − rate on the target tier, interval
 * subtraction, as the preview states it). Without `move` it is a deletion, as in v1, so v1
 * records are read unchanged. A version of its own (not an optional field of v1): a consumer
 * that knows only v1 refuses a v2 record instead of reading a move as a deletion.
 */
export const retentionRequestV2 = deletionRequestV1.extend({
  move: z
    .object({ fromMedia: z.enum(STORAGE_MEDIA_TIERS), toMedia: z.enum(STORAGE_MEDIA_TIERS) })
    .optional(),
});

/**
 * RetentionDeletionsDecided v2: as v1, with requests that may be moves (docs/retention.md,
 * "Enforcement"). The type keeps its name so one idempotency key, event id and replay cover
 * both actions.
 */
export const retentionDeletionsDecidedV2 = envelopeSchema(
  'RetentionDeletionsDecided',
  2,
  z.object({
    idempotencyKey: z.string().min(1).max(200),
    policyId: z.string().uuid().optional(),
    policyRef: z.string().min(1).max(500).optional(),
    requests: z.array(retentionRequestV2).max(MAX_REQUESTS_PER_DECISION),
    actor: retentionActorV1,
  }),
);

export type RetentionDeletionsDecided = z.infer<typeof retentionDeletionsDecidedV2>;

export const RETENTION_DELETIONS_DECIDED: EventContract<RetentionDeletionsDecided> = {
  topic: TOPICS.activities,
  versions: [
    { version: 1, schema: retentionDeletionsDecidedV1 },
    // Adds one optional field: v1 records are read as v2 without an upcaster.
    { version: 2, schema: retentionDeletionsDecidedV2 },
  ],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
