import { z } from 'zod';
import type { RetentionActor } from '@greenops/domain';
import type { MutuallyAssignable } from './mutually-assignable';

/** Who did a retention action (the acting API key's id) and why; audited with the action. */
export const retentionActorV1 = z.object({
  keyId: z.string().min(1).max(200),
  reason: z.string().min(1).max(2000).optional(),
});

const _actorIsTheDomainActor: MutuallyAssignable<
  z.infer<typeof retentionActorV1>,
  RetentionActor
> = true;
