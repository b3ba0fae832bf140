import { z } from 'zod';
import { RETENTION_AGE_BASES, STORAGE_MEDIA_TIERS, type RetentionPolicy } from '@greenops/domain';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import type { MutuallyAssignable } from './mutually-assignable';
import { partitionKey } from './partition-key';
import { retentionActorV1 } from './retention-actor';
import { TOPICS } from './topics';

const id = z.string().min(1).max(256);
const ids = z.array(id).min(1).max(100);

const selectorV1 = z.object({
  projectIds: ids.optional(),
  artifactKinds: ids.optional(),
  statuses: ids.optional(),
  minAgeDays: z.number().finite().min(0).max(36500).optional(),
  ageBasis: z.enum(RETENTION_AGE_BASES).optional(),
  storageSystems: ids.optional(),
  media: z.array(z.enum(STORAGE_MEDIA_TIERS)).min(1).max(4).optional(),
  minBytes: z.number().finite().min(0).max(1e18).optional(),
});

const actionV1 = z.discriminatedUnion('type', [
  z.object({ type: z.literal('DELETE') }),
  z.object({ type: z.literal('MOVE'), toMedia: z.enum(STORAGE_MEDIA_TIERS) }),
]);

const policyV1 = z.object({
  policyId: z.string().uuid(),
  name: z.string().min(1).max(200),
  selector: selectorV1,
  action: actionV1,
  graceDays: z.number().int().min(0).max(3650),
});

const _policyIsTheDomainPolicy: MutuallyAssignable<
  z.infer<typeof policyV1>,
  RetentionPolicy
> = true;

/**
 * RetentionPolicyDefined v1: a tenant's retention policy (docs/retention.md). Travels on the
 * activities topic under the tenant's pseudo project; the retention projector keeps the
 * policies and audits the definition.
 */
export const retentionPolicyDefinedV1 = envelopeSchema(
  'RetentionPolicyDefined',
  1,
  z.object({ policy: policyV1, actor: retentionActorV1 }),
);

export type RetentionPolicyDefined = z.infer<typeof retentionPolicyDefinedV1>;

export const RETENTION_POLICY_DEFINED: EventContract<RetentionPolicyDefined> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: retentionPolicyDefinedV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
