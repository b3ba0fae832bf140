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

export type RetentionDeletionsDecided = z.infer<typeof retentionDeletionsDecidedV1>;

export const RETENTION_DELETIONS_DECIDED: EventContract<RetentionDeletionsDecided> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: retentionDeletionsDecidedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
