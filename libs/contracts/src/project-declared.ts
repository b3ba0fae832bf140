import { z } from 'zod';
import { PRODUCTION_TYPES, type ProjectDeclaration } from '@greenops/domain';
import type { EventContract } from './event-contract';
import { envelopeSchema } from './envelope';
import type { MutuallyAssignable } from './mutually-assignable';
import { partitionKey } from './partition-key';
import { TOPICS } from './topics';

/** A day, YYYY-MM-DD (the producer checks it is a calendar date and that start ≤ end). */
const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const declarationV1 = z.object({
  name: z.string().min(1).max(200),
  productionType: z.enum(PRODUCTION_TYPES),
  finishedMinutes: z.number().finite().nonnegative().max(1_000_000).optional(),
  shootDays: z.number().finite().nonnegative().max(100_000).optional(),
  episodes: z.number().int().nonnegative().max(100_000).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals')
    .optional(),
  startDate: calendarDay.optional(),
  endDate: calendarDay.optional(),
  tags: z.array(z.string().min(1).max(64)).max(50),
});

const _payloadIsTheDomainDeclaration: MutuallyAssignable<
  z.infer<typeof declarationV1>,
  ProjectDeclaration
> = true;

/**
 * ProjectDeclared v1: what a production says about itself (name, type, finished minutes, shoot
 * days, …). The latest declaration of a project (by `occurredAt`) is the one in force. Travels
 * on the activities topic under the project's own key, in order with its activities.
 */
export const projectDeclaredV1 = envelopeSchema('ProjectDeclared', 1, declarationV1);

export type ProjectDeclared = z.infer<typeof projectDeclaredV1>;

export const PROJECT_DECLARED: EventContract<ProjectDeclared> = {
  topic: TOPICS.activities,
  versions: [{ version: 1, schema: projectDeclaredV1 }],
  partitionKey: (event) => partitionKey(event.tenant, event.projectId),
};
