import { EventLogTable } from './event-log-table';
import { BACKENDS, type OpenedBackend } from './testing/backends';

const ACT = 'greenops.activities.v1';
const DLQ = 'greenops.activities.dlq.v1';

describe.each(BACKENDS)('EventLogTable on $name', (backend) => {
  let opened: OpenedBackend;
  let log: EventLogTable;

  beforeAll(async () => {
    opened = await backend.open();
    log = new EventLogTable(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('reads a topic back in append order, resuming after a sequence number', async () => {
    await log.append([
      { topic: ACT, key: 'acme/p1', value: { n: 1 } },
      { topic: DLQ, key: 'acme', value: { reason: 'bad' } },
      { topic: ACT, key: 'acme/p2', value: { n: 2, nested: { ok: true } } },
    ]);
    await log.append([{ topic: ACT, key: 'acme/p1', value: { n: 3 } }]);

    const all = await log.readAfter(ACT, null, 100);
    expect(all.map((r) => r.value)).toEqual([{ n: 1 }, { n: 2, nested: { ok: true } }, { n: 3 }]);
    expect(all.map((r) => r.key)).toEqual(['acme/p1', 'acme/p2', 'acme/p1']);
    const seqs = all.map((r) => BigInt(r.seq));
    expect(seqs[0] < seqs[1] && seqs[1] < seqs[2]).toBe(true);

    const firstTwo = await log.readAfter(ACT, null, 2);
    expect(firstTwo.map((r) => r.value)).toEqual([{ n: 1 }, { n: 2, nested: { ok: true } }]);
    const rest = await log.readAfter(ACT, firstTwo[1].seq, 100);
    expect(rest.map((r) => r.value)).toEqual([{ n: 3 }]);
    expect(await log.readAfter(ACT, rest[0].seq, 100)).toEqual([]);
    expect((await log.readAfter(DLQ, null, 100)).map((r) => r.value)).toEqual([{ reason: 'bad' }]);
  });

  it('appends all or nothing and names bad fields', async () => {
    const before = await log.readAfter(ACT, null, 1000);
    await expect(
      log.append([
        { topic: ACT, key: 'k', value: { n: 99 } },
        { topic: ACT, key: 'k', value: undefined },
      ]),
    ).rejects.toMatchObject({ field: 'records[1].value' });
    expect(await log.readAfter(ACT, null, 1000)).toEqual(before);
    await expect(log.readAfter(ACT, 'abc', 10)).rejects.toMatchObject({ field: 'afterSeq' });
    await expect(log.readAfter(ACT, null, 0)).rejects.toMatchObject({ field: 'limit' });
  });

  it('concurrent appends commit in sequence order', async () => {
    const topic = 'concurrency.test';
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        log.append([
          { topic, key: 'k', value: { i } },
          { topic, key: 'k', value: { i, second: true } },
        ]),
      ),
    );
    const rows = await log.readAfter(topic, null, 100);
    expect(rows).toHaveLength(20);
    // Numeric order past single digits (seq 10 after 9, not after 1).
    const seqs = rows.map((r) => BigInt(r.seq));
    expect(seqs.every((s, k) => k === 0 || s > seqs[k - 1])).toBe(true);
    // Each append's two records stay adjacent and in order.
    for (let j = 0; j < 20; j += 2) {
      expect(rows[j + 1].value).toEqual({ ...(rows[j].value as object), second: true });
    }
  });
});
