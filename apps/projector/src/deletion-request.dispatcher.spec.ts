import { deletionCommandEventId, parseLogRecord, TOPICS } from '@greenops/contracts';
import type { DueDeletionRequest } from '@greenops/persistence';
import { commandRecord } from './deletion-request.dispatcher';

const due: DueDeletionRequest = {
  tenant: 'studio-north',
  requestId: '7b3d5f1a-2c4e-5a6b-9c8d-0e1f2a3b4c5d',
  projectId: 'series-s01',
  artifactId: 'sh030-plates',
  storageSystem: 'isilon-ldn-1',
  uri: '/ifs/plates/sh030',
  bytes: 1e13,
  deadline: '2026-11-29T08:30:00.000Z',
  policyId: '4d7a1c9e-2b3f-4e5a-9c6d-8e7f6a5b4c3d',
  policyRef: null,
  sendNumber: 2,
  move: null,
};
const NOW = new Date('2026-11-30T09:00:00.000Z');

describe('commandRecord', () => {
  it('sends a deletion as RetentionDeletionRequested, keyed by tenant and system', () => {
    const record = commandRecord(due, NOW);
    expect(record.topic).toBe(TOPICS.retentionCommands);
    expect(record.key).toBe('studio-north/isilon-ldn-1');
    const parsed = parseLogRecord(record.topic, record.value);
    expect(parsed.ok && parsed.event.type).toBe('RetentionDeletionRequested');
  });

  it('sends a move as RetentionMoveRequested with its tiers, the same id per send and key', () => {
    const record = commandRecord({ ...due, move: { fromMedia: 'hdd', toMedia: 'tape' } }, NOW);
    expect(record.key).toBe('studio-north/isilon-ldn-1');
    const parsed = parseLogRecord(record.topic, record.value);
    if (!parsed.ok || parsed.event.type !== 'RetentionMoveRequested')
      throw new Error('not a move command');
    expect(parsed.event.id).toBe(deletionCommandEventId(due.requestId, 2));
    expect(parsed.event.payload).toMatchObject({
      requestId: due.requestId,
      fromMedia: 'hdd',
      toMedia: 'tape',
      sendNumber: 2,
      uri: '/ifs/plates/sh030',
    });
  });
});
