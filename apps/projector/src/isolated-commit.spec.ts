import { PersistenceInputError, type EmissionBatch } from '@greenops/persistence';
import { renderFactForUnit } from './testing/unit-facts';
import {
  commitIsolated,
  notCountedLine,
  tenantOfRecord,
  type EventWrites,
} from './isolated-commit';
import type { ProjectionStore } from './projection-store.port';

/** A store that refuses any transaction holding a fact of a poisoned event, or everything. */
class PickyStore implements ProjectionStore {
  committed: EmissionBatch[] = [];
  down = false;
  constructor(private readonly poisonEventId: string) {}
  async commitBatch(batch: EmissionBatch) {
    if (this.down) throw new Error('connection refused');
    const i = batch.facts.findIndex((f) => f.eventId === this.poisonEventId);
    if (i >= 0) throw new PersistenceInputError(`facts[${i}].artifactId`, 'is too long');
    this.committed.push(batch);
    return { insertedFacts: batch.facts.length, replacedFacts: 0 };
  }
}

const writes = (eventId: string, offset: string): EventWrites => ({
  tenant: 'acme',
  eventId,
  offset,
  projectionVersion: 1,
  facts: [renderFactForUnit('acme', eventId)],
  artifacts: [],
});
const position = { group: 'g', topic: 'greenops.activities.v1', partition: 3 };
const offsets = [{ ...position, nextOffset: '13' }];

describe('commitIsolated', () => {
  it('commits a batch in one transaction when the store takes it', async () => {
    const store = new PickyStore('none');
    const result = await commitIsolated(store, {
      ...position,
      events: [writes('e1', '10'), writes('e2', '11')],
      failures: [],
      offsets,
    });
    expect(result).toEqual({ insertedFacts: 2, storeFailures: [] });
    expect(store.committed).toHaveLength(1);
  });

  it('records the event the store refuses, counts the others and moves the partition on', async () => {
    const store = new PickyStore('e2');
    const result = await commitIsolated(store, {
      ...position,
      events: [writes('e1', '10'), writes('e2', '11'), writes('e3', '12')],
      failures: [],
      offsets,
    });
    expect(result.insertedFacts).toBe(2);
    const failure = {
      tenant: 'acme',
      eventId: 'e2',
      group: 'g',
      log: { topic: 'greenops.activities.v1', partition: 3, offset: '11' },
      projectionVersion: 1,
      stage: 'store',
      field: 'facts[0].artifactId',
      reason: 'is too long',
    };
    expect(result.storeFailures).toEqual([failure]);
    expect(store.committed.map((b) => b.facts.map((f) => f.eventId))).toEqual([['e1'], ['e3'], []]);
    expect(store.committed[2]).toMatchObject({ failures: [failure], offsets });
    expect(notCountedLine(result.storeFailures[0])).toBe(
      'projector: did not count greenops.activities.v1[3]@11 e2 (store): facts[0].artifactId: is too long',
    );
  });

  it('throws (the batch is retried) when the store fails as a whole, recording nothing', async () => {
    const store = new PickyStore('none');
    store.down = true;
    await expect(
      commitIsolated(store, { ...position, events: [writes('e1', '10')], failures: [], offsets }),
    ).rejects.toThrow('connection refused');
    expect(store.committed).toEqual([]);
  });

  it('takes the tenant of a record from its value, else from its tenant/project key', () => {
    const record = { topic: 't', partition: 0, offset: '1' };
    expect(tenantOfRecord({ ...record, key: 'acme/p1', value: { tenant: 'beta' } })).toBe('beta');
    expect(tenantOfRecord({ ...record, key: 'acme/p1', value: 'not json' })).toBe('acme');
    expect(tenantOfRecord({ ...record, key: null, value: null })).toBe('');
  });
});
