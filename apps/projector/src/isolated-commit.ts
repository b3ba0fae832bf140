import type { ConsumedRecord } from '@greenops/messaging';
import { PersistenceInputError, type ProjectionFailureInput } from '@greenops/persistence';
import type {
  ArtifactUpsert,
  ConsumerOffsetInput,
  EmissionFactInput,
  ProjectionStore,
} from './projection-store.port';

/** What one event contributes to a batch's transaction. */
export interface EventWrites {
  tenant: string;
  eventId: string;
  offset: string;
  projectionVersion: number;
  facts: EmissionFactInput[];
  artifacts: ArtifactUpsert[];
}

/** The log line of a record the projector did not count (one per record and stage). */
export function notCountedLine(f: ProjectionFailureInput): string {
  return (
    `projector: did not count ${f.log.topic}[${f.log.partition}]@${f.log.offset} ` +
    `${f.eventId ?? '-'} (${f.stage}): ${f.field}: ${f.reason}`
  );
}

/**
 * Whose a record is, as far as it says: its `tenant` field, else the first part of its key
 * (`tenant/project`); '' when neither (such failures are nobody's to query).
 */
export function tenantOfRecord(record: ConsumedRecord): string {
  const value = record.value as { tenant?: unknown } | null;
  if (value && typeof value === 'object' && typeof value.tenant === 'string') return value.tenant;
  const key = record.key ?? '';
  return key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
}

export function eventIdOfRecord(record: ConsumedRecord): string | undefined {
  const value = record.value as { id?: unknown } | null;
  return value && typeof value === 'object' && typeof value.id === 'string' ? value.id : undefined;
}

/**
 * Commits a batch's events, its failures and its consumer position in one transaction. When
 * that fails, each event is committed alone, and those the store refuses become `store`
 * failures; then the failures and the position are committed. If that last commit fails too,
 * the store itself is failing (not an event): the error is thrown and the batch is retried —
 * every write is idempotent, so events already committed alone are not counted twice.
 */
export async function commitIsolated(
  store: ProjectionStore,
  batch: {
    group: string;
    topic: string;
    partition: number;
    events: EventWrites[];
    failures: ProjectionFailureInput[];
    offsets: ConsumerOffsetInput[];
  },
): Promise<{ insertedFacts: number; storeFailures: ProjectionFailureInput[] }> {
  const { events, failures, offsets } = batch;
  try {
    const { insertedFacts } = await store.commitBatch({
      facts: events.flatMap((e) => e.facts),
      artifacts: events.flatMap((e) => e.artifacts),
      failures,
      offsets,
    });
    return { insertedFacts, storeFailures: [] };
  } catch (error) {
    if (events.length === 0) throw error;
  }
  let insertedFacts = 0;
  const storeFailures: ProjectionFailureInput[] = [];
  for (const e of events) {
    try {
      const r = await store.commitBatch({ facts: e.facts, artifacts: e.artifacts, offsets: [] });
      insertedFacts += r.insertedFacts;
    } catch (error) {
      storeFailures.push({
        tenant: e.tenant,
        eventId: e.eventId,
        group: batch.group,
        log: { topic: batch.topic, partition: batch.partition, offset: e.offset },
        projectionVersion: e.projectionVersion,
        stage: 'store',
        field: error instanceof PersistenceInputError ? error.field : 'commit',
        reason: error instanceof PersistenceInputError ? error.reason : (error as Error).message,
      });
    }
  }
  await store.commitBatch({
    facts: [],
    artifacts: [],
    failures: [...failures, ...storeFailures],
    offsets,
  });
  return { insertedFacts, storeFailures };
}
