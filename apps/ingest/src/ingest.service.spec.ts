import {
  activityEventId,
  parseLogRecord,
  TOPICS,
  type ActivityRecorded,
  type LogEvent,
  type RejectedSpan,
} from '@greenops/contracts';
import { EventLogUnavailableError } from '@greenops/messaging';
import type { Attributes, OtlpSpan } from '@greenops/semconv';
import { ERROR_MESSAGE_MAX_CHARS, IngestService } from './ingest.service';
import type { DecodedResourceSpans } from './otlp-decoder';
import { InMemoryEventLogPublisher } from './testing/in-memory-event-log.publisher';

const NOW = new Date('2025-01-02T03:04:05.000Z');
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
// 1_700_000_000 s = 2023-11-14T22:13:20Z; the spans last 60 s.
const START_NS = 1_700_000_000_000_000_000n;

function span(spanId: string, name: string, attributes: Attributes): OtlpSpan {
  return {
    traceId: TRACE,
    spanId,
    name,
    startTimeUnixNano: START_NS,
    endTimeUnixNano: START_NS + 60_000_000_000n,
    attributes,
  };
}

const RESOURCE: Attributes = { 'greenops.project.id': 'series-s01' };

function batch(...spans: OtlpSpan[]): DecodedResourceSpans[] {
  return [{ resourceAttributes: RESOURCE, spans }];
}

function setup(now = NOW) {
  const publisher = new InMemoryEventLogPublisher();
  const service = new IngestService(publisher, () => now);
  return { publisher, service };
}

/** The published records as a consumer reads them (each must pass its contract). */
function consumed(publisher: InMemoryEventLogPublisher): LogEvent[] {
  return publisher.records.map((r) => {
    const parsed = parseLogRecord(r.topic, r.value);
    if (!parsed.ok)
      throw new Error(`published ${r.topic} record fails: ${parsed.field}: ${parsed.reason}`);
    return parsed.event;
  });
}

function activityIds(publisher: InMemoryEventLogPublisher): string[] {
  return consumed(publisher).flatMap((e) => (e.type === 'ActivityRecorded' ? [e.id] : []));
}

const render = span('00f067aa0ba902b7', 'render', {
  'greenops.activity.kind': 'render',
  'greenops.hw.power_w': 300,
});
const upload = span('00f067aa0ba902b8', 'upload', {
  'greenops.activity.kind': 'transfer',
  'greenops.transfer.bytes': '1000',
  'greenops.project.id': 'series-s02',
});
const noProject: OtlpSpan = {
  ...span('0af7651916cd43dd', 'render', { 'greenops.activity.kind': 'render' }),
};

describe('IngestService.export', () => {
  it('publishes ActivityRecorded envelopes keyed by tenant/project, in one publish call', async () => {
    const { publisher, service } = setup();
    const outcome = await service.export('tenant-a', batch(render, upload));
    expect(outcome).toEqual({ acceptedSpans: 2, rejectedSpans: 0 });
    expect(publisher.batches).toHaveLength(1);
    const expected: ActivityRecorded = {
      id: activityEventId('tenant-a', TRACE, '00f067aa0ba902b7'),
      type: 'ActivityRecorded',
      version: 1,
      tenant: 'tenant-a',
      projectId: 'series-s01',
      occurredAt: '2023-11-14T22:13:20.000Z',
      recordedAt: '2025-01-02T03:04:05.000Z',
      payload: {
        kind: 'render',
        name: 'render',
        traceId: TRACE,
        spanId: '00f067aa0ba902b7',
        startTime: '2023-11-14T22:13:20.000Z',
        endTime: '2023-11-14T22:14:20.000Z',
        durationS: 60,
        measurements: { hw: { powerW: 300 } },
      },
    };
    expect(publisher.records[0]).toEqual({
      topic: TOPICS.activities,
      key: 'tenant-a/series-s01',
      value: expected,
    });
    // span attribute overrides the resource's project
    expect(publisher.records[1].key).toBe('tenant-a/series-s02');
    expect(consumed(publisher)[1]).toMatchObject({
      type: 'ActivityRecorded',
      payload: { measurements: { transferBytes: 1000 } },
    });
  });

  it('event ids are deterministic per (tenant, trace, span) and differ across tenants', async () => {
    const { publisher, service } = setup();
    await service.export('tenant-a', batch(render));
    await service.export('tenant-a', batch(render));
    await service.export('tenant-b', batch(render));
    const ids = activityIds(publisher);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).not.toBe(ids[2]);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('rejects a malformed span with its reason on the DLQ while its batch-mates are accepted', async () => {
    const { publisher, service } = setup();
    const outcome = await service.export('tenant-a', [
      { resourceAttributes: {}, spans: [render, noProject] },
      { resourceAttributes: RESOURCE, spans: [upload] },
    ]);
    // render has no project here (empty resource), so two rejects and one accept
    expect(outcome).toEqual({
      acceptedSpans: 1,
      rejectedSpans: 2,
      errorMessage:
        'span 00f067aa0ba902b7 (name "render"): greenops.project.id: required attribute is missing; ' +
        'span 0af7651916cd43dd (name "render"): greenops.project.id: required attribute is missing',
    });
    expect(publisher.batches).toHaveLength(1);
    expect(publisher.records.map((r) => r.topic)).toEqual([
      TOPICS.activities,
      TOPICS.activitiesDlq,
      TOPICS.activitiesDlq,
    ]);
    const dlq: RejectedSpan = {
      type: 'RejectedSpan',
      version: 1,
      tenant: 'tenant-a',
      traceId: TRACE,
      spanId: '0af7651916cd43dd',
      name: 'render',
      field: 'greenops.project.id',
      reason: 'required attribute is missing',
      rejectedAt: '2025-01-02T03:04:05.000Z',
    };
    expect(publisher.records[2]).toEqual({
      topic: TOPICS.activitiesDlq,
      key: 'tenant-a',
      value: dlq,
    });
  });

  it('rejects a span the methodology cannot quantify, naming the attribute it lacks', async () => {
    const { publisher, service } = setup();
    const unmeasured = span('00f067aa0ba902c1', 'render', { 'greenops.activity.kind': 'render' });
    const outcome = await service.export('tenant-a', batch(unmeasured, render));
    expect(outcome.acceptedSpans).toBe(1);
    expect(outcome.rejectedSpans).toBe(1);
    expect(outcome.errorMessage).toMatch(
      /^span 00f067aa0ba902c1 \(name "render"\): greenops\.hw\.power_w: /,
    );
    expect(publisher.records.map((r) => r.topic)).toEqual([
      TOPICS.activities,
      TOPICS.activitiesDlq,
    ]);
    expect(publisher.records[1].value).toMatchObject({
      spanId: '00f067aa0ba902c1',
      field: 'greenops.hw.power_w',
    });
  });

  it('rejects, with the field and reason, a span whose event would break the ActivityRecorded contract', async () => {
    const { publisher, service } = setup();
    // A sender that multiplied nanoseconds by 1,000 once too often: 1.7e21 ns is in the year
    // 55,840, which the span mapping lets through (a JS date reaches 275,760) but an ISO 8601
    // instant of the contract cannot carry (four-digit years).
    const startNs = 1_700_000_000_000_000_000_000n;
    const farFuture: OtlpSpan = {
      ...span('00f067aa0ba902c2', 'render', {
        'greenops.activity.kind': 'render',
        'greenops.hw.power_w': 300,
      }),
      startTimeUnixNano: startNs,
      endTimeUnixNano: startNs + 60_000_000_000n,
    };
    const outcome = await service.export('tenant-a', batch(farFuture, render));
    expect(outcome).toEqual({
      acceptedSpans: 1,
      rejectedSpans: 1,
      errorMessage:
        'span 00f067aa0ba902c2 (name "render"): ActivityRecorded.occurredAt: ' +
        'the event made of this span breaks its contract: Invalid datetime',
    });
    // its batch-mate is published, and the refused span goes to the DLQ with the reason
    expect(publisher.batches).toHaveLength(1);
    expect(publisher.records.map((r) => r.topic)).toEqual([
      TOPICS.activities,
      TOPICS.activitiesDlq,
    ]);
    expect(activityIds(publisher)).toEqual([
      activityEventId('tenant-a', TRACE, '00f067aa0ba902b7'),
    ]);
    expect(consumed(publisher)[1]).toEqual({
      type: 'RejectedSpan',
      version: 1,
      tenant: 'tenant-a',
      traceId: TRACE,
      spanId: '00f067aa0ba902c2',
      name: 'render',
      field: 'ActivityRecorded.occurredAt',
      reason: 'the event made of this span breaks its contract: Invalid datetime',
      rejectedAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('publishes nothing that breaks a contract, not even the dead-letter record', async () => {
    // A clock beyond the year 9999 makes recordedAt and rejectedAt unwritable instants.
    const { publisher, service } = setup(new Date('+010000-01-01T00:00:00.000Z'));
    const outcome = await service.export('tenant-a', batch(render));
    expect(outcome).toEqual({
      acceptedSpans: 0,
      rejectedSpans: 1,
      errorMessage:
        'span 00f067aa0ba902b7 (name "render"): ActivityRecorded.recordedAt: ' +
        'the event made of this span breaks its contract: Invalid datetime ' +
        '(no dead-letter record: RejectedSpan.rejectedAt: Invalid datetime)',
    });
    expect(publisher.batches).toHaveLength(0);
  });

  it('publishes a span repeated within one batch once', async () => {
    const { publisher, service } = setup();
    const outcome = await service.export(
      'tenant-a',
      batch(render, render, { ...render, traceId: TRACE.toUpperCase() }),
    );
    expect(outcome).toEqual({ acceptedSpans: 3, rejectedSpans: 0 });
    expect(publisher.records).toHaveLength(1);
  });

  it('does not call the log for an empty request', async () => {
    const { publisher, service } = setup();
    expect(await service.export('tenant-a', [])).toEqual({ acceptedSpans: 0, rejectedSpans: 0 });
    expect(publisher.batches).toHaveLength(0);
  });

  it('propagates EventLogUnavailableError and publishes nothing', async () => {
    const { publisher, service } = setup();
    publisher.available = false;
    await expect(service.export('tenant-a', batch(render, noProject))).rejects.toBeInstanceOf(
      EventLogUnavailableError,
    );
    expect(publisher.records).toHaveLength(0);
  });

  it('caps the error message and says how many reasons were left out', async () => {
    const { service } = setup();
    const spans = Array.from({ length: 200 }, (_, i) =>
      span((i + 1).toString(16).padStart(16, '0'), 'x'.repeat(100), {
        'greenops.activity.kind': 'render',
      }),
    );
    const outcome = await service.export('tenant-a', [{ resourceAttributes: {}, spans }]);
    expect(outcome.rejectedSpans).toBe(200);
    expect(outcome.errorMessage!.length).toBeLessThanOrEqual(ERROR_MESSAGE_MAX_CHARS);
    expect(outcome.errorMessage).toMatch(/; … and \d+ more$/);
    // long span names are shortened to 64 characters in the message
    expect(outcome.errorMessage).toContain(`(name "${'x'.repeat(64)}…")`);
  });
});
