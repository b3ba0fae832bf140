import type { EmissionBatch } from '@greenops/persistence';
import { DeadLetterRecorder } from './dead-letter.recorder';

describe('DeadLetterRecorder', () => {
  it('stores each DLQ record at its log position with the next offset, and reports malformed ones', async () => {
    const batches: EmissionBatch[] = [];
    const invalid: string[] = [];
    const recorder = new DeadLetterRecorder(
      { commitBatch: async (b) => (batches.push(b), { insertedFacts: 0, replacedFacts: 0 }) },
      'dlq-recorder',
      (offset, reason) => invalid.push(`${offset} ${reason}`),
    );
    const rejected = {
      type: 'RejectedSpan',
      version: 1,
      tenant: 'acme',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      name: 'render',
      field: 'greenops.hw.power_w',
      reason: 'render needs greenops.energy.kwh or greenops.hw.power_w',
      rejectedAt: '2026-11-02T09:00:00.000Z',
    };
    const { type: _type, version: _version, ...untyped } = rejected;
    await recorder.handle({
      topic: 'greenops.activities.dlq.v1',
      partition: 0,
      records: [
        {
          topic: 'greenops.activities.dlq.v1',
          partition: 0,
          offset: '41',
          key: 'acme',
          value: rejected,
        },
        {
          topic: 'greenops.activities.dlq.v1',
          partition: 0,
          offset: '42',
          key: 'acme',
          value: { tenant: 'acme' },
        },
        {
          // written before dead-letter records named their type and version
          topic: 'greenops.activities.dlq.v1',
          partition: 0,
          offset: '43',
          key: 'acme',
          value: { ...untyped, spanId: '00f067aa0ba902b8' },
        },
      ],
    });
    expect(batches).toEqual([
      {
        facts: [],
        artifacts: [],
        rejections: [
          {
            tenant: 'acme',
            traceId: rejected.traceId,
            spanId: rejected.spanId,
            spanName: 'render',
            field: rejected.field,
            reason: rejected.reason,
            rejectedAt: rejected.rejectedAt,
            log: { topic: 'greenops.activities.dlq.v1', partition: 0, offset: '41' },
          },
          {
            tenant: 'acme',
            traceId: rejected.traceId,
            spanId: '00f067aa0ba902b8',
            spanName: 'render',
            field: rejected.field,
            reason: rejected.reason,
            rejectedAt: rejected.rejectedAt,
            log: { topic: 'greenops.activities.dlq.v1', partition: 0, offset: '43' },
          },
        ],
        offsets: [
          {
            group: 'dlq-recorder',
            topic: 'greenops.activities.dlq.v1',
            partition: 0,
            nextOffset: '44',
          },
        ],
      },
    ]);
    expect(invalid).toEqual(['42 traceId: Required']);
  });
});
