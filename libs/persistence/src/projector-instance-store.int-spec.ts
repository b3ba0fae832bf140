import { BACKENDS, type OpenedBackend } from './testing/backends';
import { ProjectorInstanceStore } from './projector-instance-store';

describe.each(BACKENDS)('ProjectorInstanceStore on $name', (backend) => {
  let opened: OpenedBackend;
  let store: ProjectorInstanceStore;

  beforeAll(async () => {
    opened = await backend.open();
    store = new ProjectorInstanceStore(opened.db);
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('keeps one row per instance, with its partitions, and flags instances not seen for 30 s', async () => {
    const t0 = new Date('2026-11-29T12:00:00.000Z');
    const base = { host: 'node-1', group: 'g-instances', state: 'consuming', startedAt: t0 };
    await store.report(
      {
        ...base,
        instanceId: 'a',
        partitions: [{ partition: 0, committedOffset: '10', highWatermark: '12', lag: 2 }],
      },
      t0,
    );
    await store.report({ ...base, instanceId: 'b', partitions: [] }, t0);
    // 'a' reports again 31 s later and now owns partitions 0 and 1; 'b' stays silent.
    const t31 = new Date(t0.getTime() + 31_000);
    const partitions = [
      { partition: 0, committedOffset: '12', highWatermark: '12', lag: 0 },
      { partition: 1, committedOffset: null, highWatermark: '3', lag: 3 },
    ];
    await store.report({ ...base, instanceId: 'a', partitions }, t31);
    const rows = (await store.list(t31)).filter((r) => r.group === 'g-instances');
    expect(rows.map((r) => [r.instanceId, r.stale, r.partitions])).toEqual([
      ['a', false, partitions],
      ['b', true, []],
    ]);
    expect(rows[0].lastSeen.toISOString()).toBe(t31.toISOString());
  });
});
