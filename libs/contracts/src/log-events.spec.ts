import { activitiesRecorded, recordedActivities } from './activities-recorded';
import { activityEventId } from './event-id';
import { encodeLogRecord, parseLogRecord, type LogEvent } from './log-events';
import { LogRecord } from './log-record';
import { TOPICS } from './topics';
import type { ActivityRecorded } from './activity-recorded';
import type { RejectedSpan } from './rejected-span';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function activity(overrides: Partial<ActivityRecorded['payload']> = {}): ActivityRecorded {
  return {
    id: activityEventId('studio-north', TRACE, '00f067aa0ba902b7'),
    type: 'ActivityRecorded',
    version: 1,
    tenant: 'studio-north',
    projectId: 'series-s01',
    occurredAt: '2026-11-02T09:00:00.000Z',
    recordedAt: '2026-11-02T10:00:00.000Z',
    payload: {
      kind: 'render',
      name: 'render sh010',
      traceId: TRACE,
      spanId: '00f067aa0ba902b7',
      startTime: '2026-11-02T09:00:00.000Z',
      endTime: '2026-11-02T10:00:00.000Z',
      durationS: 3600,
      measurements: { hw: { powerW: 450 } },
      ...overrides,
    },
  };
}

const REJECTED: RejectedSpan = {
  type: 'RejectedSpan',
  version: 1,
  tenant: 'studio-north',
  traceId: TRACE,
  spanId: '',
  name: 'upload',
  field: 'spanId',
  reason: 'must be 16 hex characters, not all zero, got ""',
  rejectedAt: '2026-11-02T10:00:00.000Z',
};

describe('parseLogRecord', () => {
  it('returns the event, in its current version, for a valid record', () => {
    expect(parseLogRecord(TOPICS.activities, activity())).toEqual({ ok: true, event: activity() });
  });

  it('names the field at fault', () => {
    const bad = activity({ traceId: TRACE.toUpperCase() });
    expect(parseLogRecord(TOPICS.activities, bad)).toMatchObject({
      ok: false,
      field: 'payload.traceId',
    });
    const negative = activity({ measurements: { hw: { powerW: -450 } } });
    expect(parseLogRecord(TOPICS.activities, negative)).toEqual({
      ok: false,
      field: 'payload.measurements.hw.powerW',
      reason: 'Number must be greater than or equal to 0',
    });
  });

  it('reports a record that is not an event of the topic by its type or version', () => {
    expect(parseLogRecord(TOPICS.activities, { ...activity(), type: 'ArtifactRenamed' })).toEqual({
      ok: false,
      field: 'type',
      reason:
        '"ArtifactRenamed" is not an event type of greenops.activities.v1 (registered: ActivityRecorded, ActivitiesRecorded, ArtifactStatusChanged, FactorSetPublished, ProjectionRebuildFence, ProjectDeclared, MeteredPeriodRecorded, RetentionPolicyDefined, RetentionPolicyRetired, LegalHoldSet, LegalHoldReleased, RetentionDeletionsDecided)',
    });
    expect(parseLogRecord(TOPICS.activities, REJECTED)).toMatchObject({ ok: false, field: 'type' });
    expect(parseLogRecord(TOPICS.activities, { ...activity(), version: 2 })).toEqual({
      ok: false,
      field: 'version',
      reason: '2 is not a registered version of ActivityRecorded (registered: 1)',
    });
    expect(parseLogRecord(TOPICS.activities, { tenant: 'studio-north' })).toEqual({
      ok: false,
      field: 'type',
      reason: 'Required',
    });
  });

  it('reports what is not a JSON object as the record, with the adapter reason when it has one', () => {
    const undecodable = { unparseable: true, reason: 'record value is not JSON: Unexpected token' };
    expect(parseLogRecord(TOPICS.activities, undecodable)).toEqual({
      ok: false,
      field: '(record)',
      reason: 'record value is not JSON: Unexpected token',
    });
    expect(parseLogRecord(TOPICS.activities, [activity()])).toEqual({
      ok: false,
      field: '(record)',
      reason: 'must be a JSON object',
    });
  });

  it('reads dead-letter records written before they named their type as RejectedSpan v1', () => {
    const { type: _type, version: _version, ...untyped } = REJECTED;
    expect(parseLogRecord(TOPICS.activitiesDlq, untyped)).toEqual({ ok: true, event: REJECTED });
    // only there: an untyped record on the activities topic is not guessed at
    expect(parseLogRecord(TOPICS.activities, untyped)).toMatchObject({ ok: false, field: 'type' });
  });

  it('reads a topic outside the registry (a test’s own) by the record type alone', () => {
    expect(parseLogRecord('greenops.activities.v1-test-1a2b', activity())).toEqual({
      ok: true,
      event: activity(),
    });
  });
});

describe('ActivitiesRecorded', () => {
  const second = activity({ spanId: '00f067aa0ba902b8', startTime: '2026-11-02T09:30:00.000Z' });
  second.id = activityEventId('studio-north', TRACE, '00f067aa0ba902b8');
  second.occurredAt = '2026-11-02T09:30:00.000Z';
  const members = [activity(), second].map((e) => ({
    id: e.id,
    occurredAt: e.occurredAt,
    payload: e.payload,
  }));

  it('carries activities that a consumer reads back as the ActivityRecorded events they were', () => {
    const event = activitiesRecorded(
      'studio-north',
      'series-s01',
      '2026-11-02T10:00:00.000Z',
      members,
    );
    // the record happened when its latest activity started
    expect(event.occurredAt).toBe('2026-11-02T09:30:00.000Z');
    const parsed = parseLogRecord(TOPICS.activities, event);
    expect(parsed.ok && parsed.event.type === 'ActivitiesRecorded').toBe(true);
    if (!parsed.ok || parsed.event.type !== 'ActivitiesRecorded') return;
    expect(recordedActivities(parsed.event)).toEqual([activity(), second]);
  });

  it('names the activity and field at fault', () => {
    const bad = activitiesRecorded('studio-north', 'series-s01', '2026-11-02T10:00:00.000Z', [
      members[0],
      { ...members[1], payload: { ...members[1].payload, spanId: 'not-hex' } },
    ]);
    expect(parseLogRecord(TOPICS.activities, bad)).toMatchObject({
      ok: false,
      field: 'payload.activities.1.payload.spanId',
    });
    const empty = activitiesRecorded('studio-north', 'series-s01', '2026-11-02T10:00:00.000Z', []);
    expect(encodeLogRecord(empty)).toMatchObject({ ok: false, field: 'payload.activities' });
  });
});

describe('encodeLogRecord', () => {
  it('places an event on its topic under its partition key, as its schema parsed it', () => {
    const withExtra = { ...activity(), debug: 'not part of the contract' };
    const encoded = encodeLogRecord(withExtra);
    expect(encoded).toEqual({
      ok: true,
      record: {
        topic: 'greenops.activities.v1',
        key: 'studio-north/series-s01',
        value: activity(),
      },
    });
    expect(encodeLogRecord(REJECTED)).toEqual({
      ok: true,
      record: { topic: 'greenops.activities.dlq.v1', key: 'studio-north', value: REJECTED },
    });
  });

  it('keeps an explicit partition and refuses a registered topic of another type', () => {
    const encoded = encodeLogRecord(activity(), { partition: 4 });
    expect(encoded.ok && encoded.record.partition).toBe(4);
    expect(encodeLogRecord(activity(), { topic: TOPICS.activitiesDlq })).toEqual({
      ok: false,
      field: '(topic)',
      reason:
        'ActivityRecorded travels on greenops.activities.v1, not on greenops.activities.dlq.v1',
    });
  });

  it('refuses an event that breaks its contract, naming the field', () => {
    expect(encodeLogRecord(activity({ startTime: '+055841-09-07T00:00:00.000Z' }))).toEqual({
      ok: false,
      field: 'payload.startTime',
      reason: 'Invalid datetime',
    });
    const withoutReason: LogEvent = { ...REJECTED, reason: '' };
    expect(encodeLogRecord(withoutReason)).toEqual({
      ok: false,
      field: 'reason',
      reason: 'String must contain at least 1 character(s)',
    });
  });

  it('is the only way to make a LogRecord', () => {
    // @ts-expect-error an object of the same shape is not a LogRecord: it was not checked
    const forged: LogRecord = { topic: TOPICS.activities, key: 'k', value: activity() };
    expect(forged).not.toBeInstanceOf(LogRecord);
    const encoded = encodeLogRecord(activity());
    expect(encoded.ok && encoded.record).toBeInstanceOf(LogRecord);
  });
});
