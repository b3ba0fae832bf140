import { z } from 'zod';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

/**
 * RetentionPolicyRetired v1: a policy stops selecting anything (docs/retention.md). Same topic
 * and pseudo project as RetentionPolicyDefined, so it is read after the definition.
 */
export const retentionPolicyRetiredV1 = envelopeSchema(
  'RetentionPolicyRetired',
  1,
  z.object({ policyId: z.string().uuid(), actor: retentionActorV1 }),
);

export type RetentionPolicyRetired = z.infer<typeof retentionPolicyRetiredV1>;

export const RETENTION_POLICY_RETIRED: EventContract<RetentionPolicyRetired> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: retentionPolicyRetiredV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
