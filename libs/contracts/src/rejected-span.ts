import { z } from 'zod';
import type { EventContract } from './event-contract';
import { isoInstant } from './envelope';
import { TOPICS } from './topics';

/**
 * RejectedSpan v1: a span ingest refused, with the field and the reason (the dead-letter record,
 * docs/semantic-conventions.md). It has no envelope: the ids are the span's as received, which
 * may be exactly what was wrong with it. Records written before they named their type and
 * version are read as this version (see `untypedRecords` in log-events.ts).
 */
export const rejectedSpanV1 = z.object({
  type: z.literal('RejectedSpan'),
  version: z.literal(1),
  tenant: z.string().min(1),
  traceId: z.string(),
  spanId: z.string(),
  name: z.string(),
  field: z.string().min(1),
  reason: z.string().min(1),
  rejectedAt: isoInstant,
});

export type RejectedSpan = z.infer<typeof rejectedSpanV1>;

export const REJECTED_SPAN: EventContract<RejectedSpan> = {
  topic: TOPICS.activitiesDlq,
  versions: [{ version: 1, schema: rejectedSpanV1 }],
  // One tenant's refusals stay in order.
  partitionKey: (event) => event.tenant,
};
