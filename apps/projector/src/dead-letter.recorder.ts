import { parseLogRecord } from '@greenops/contracts';
import type { ConsumedBatch } from '@greenops/messaging';
import type { RejectionInput } from '@greenops/persistence';
import type { ProjectionStore } from './projection-store.port';

/**
 * Records the DLQ topic (spans ingest refused, with field and reason) in the store, so a tenant
 * can ask the API what was refused and why. Each record is stored once, at its log position,
 * in the same transaction as the consumer's position.
 */
export class DeadLetterRecorder {
  constructor(
    private readonly store: ProjectionStore,
    private readonly groupId: string,
    private readonly onInvalid: (offset: string, reason: string) => void = () => undefined,
  ) {}

  readonly handle = async (batch: ConsumedBatch): Promise<void> => {
    const rejections: RejectionInput[] = [];
    for (const record of batch.records) {
      const parsed = parseLogRecord(batch.topic, record.value);
      if (!parsed.ok) {
        this.onInvalid(record.offset, `${parsed.field}: ${parsed.reason}`);
        continue;
      }
      if (parsed.event.type !== 'RejectedSpan') {
        this.onInvalid(record.offset, `type: ${parsed.event.type} is not a dead-letter record`);
        continue;
      }
      const r = parsed.event;
      rejections.push({
        tenant: r.tenant,
        traceId: r.traceId,
        spanId: r.spanId,
        spanName: r.name,
        field: r.field,
        reason: r.reason,
        rejectedAt: r.rejectedAt,
        log: { topic: batch.topic, partition: batch.partition, offset: record.offset },
      });
    }
    const last = batch.records[batch.records.length - 1];
    await this.store.commitBatch({
      facts: [],
      artifacts: [],
      rejections,
      offsets: [
        {
          group: this.groupId,
          topic: batch.topic,
          partition: batch.partition,
          nextOffset: (BigInt(last.offset) + 1n).toString(),
        },
      ],
    });
  };
}
