import {
  ACTIVITIES_PER_RECORD_MAX,
  activitiesRecordedEventId,
  activityEventId,
  parseLogRecord,
  recordedActivities,
  TOPICS,
  type ActivitiesRecorded,
  type ActivityRecorded,
  type LogEvent,
  type RejectedSpan,
} from '@greenops/contracts';
import { EventLogUnavailableError } from '@greenops/messaging';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { computeEmissions } from '@greenops/methodology';
import { ACTIVITY_KINDS } from '@greenops/domain';
import {
  ATTR,
  ATTRIBUTE_RANGES,
  type Attributes,
  type NumericAttribute,
  type OtlpSpan,
} from '@greenops/semconv';
import { ERROR_MESSAGE_MAX_CHARS, INTERNAL_ERROR_REASON, IngestService } from './ingest.service';
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

/**
 * The published records as a consumer reads them (each must pass its contract), with each
 * ActivitiesRecorded record unpacked into its activities, as the projector handles them.
 */
function consumed(publisher: InMemoryEventLogPublisher): LogEvent[] {
  return publisher.records.flatMap((r) => {
    const parsed = parseLogRecord(r.topic, r.value);
    if (!parsed.ok)
      throw new Error(`published ${r.topic} record fails: ${parsed.field}: ${parsed.reason}`);
    return parsed.event.type === 'ActivitiesRecorded'
      ? recordedActivities(parsed.event)
      : [parsed.event];
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
  it('publishes one ActivitiesRecorded record per project, keyed by tenant/project, in one publish call', async () => {
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
    const record: ActivitiesRecorded = {
      id: activitiesRecordedEventId('tenant-a', 'series-s01', '2025-01-02T03:04:05.000Z', [
        expected.id,
      ]),
      type: 'ActivitiesRecorded',
      version: 1,
      tenant: 'tenant-a',
      projectId: 'series-s01',
      occurredAt: '2023-11-14T22:13:20.000Z',
      recordedAt: '2025-01-02T03:04:05.000Z',
      payload: {
        activities: [
          { id: expected.id, occurredAt: expected.occurredAt, payload: expected.payload },
        ],
      },
    };
    expect(publisher.records[0]).toEqual({
      topic: TOPICS.activities,
      key: 'tenant-a/series-s01',
      value: record,
    });
    expect(consumed(publisher)[0]).toEqual(expected);
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

  it('publishes a span sent twice in one request as last sent (a correction)', async () => {
    const { publisher, service } = setup();
    const corrected = {
      ...render,
      attributes: { ...render.attributes, 'greenops.energy.kwh': 7 },
    };
    const outcome = await service.export('tenant-a', batch(render, corrected));
    expect(outcome).toEqual({ acceptedSpans: 2, rejectedSpans: 0 });
    const events = consumed(publisher);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ payload: { measurements: { energyKwh: 7 } } });
  });

  it('carries many activities of one project in one record, each with its own event id', async () => {
    const { publisher, service } = setup();
    const spanIds = Array.from({ length: 5 }, (_, i) => (0x100 + i).toString(16).padStart(16, '0'));
    const outcome = await service.export(
      'tenant-a',
      batch(...spanIds.map((id) => ({ ...render, spanId: id })), upload),
    );
    expect(outcome).toEqual({ acceptedSpans: 6, rejectedSpans: 0 });
    // five renders of series-s01 in one record, the upload of series-s02 in another
    expect(publisher.records.map((r) => r.key)).toEqual([
      'tenant-a/series-s01',
      'tenant-a/series-s02',
    ]);
    expect(activityIds(publisher)).toEqual([
      ...spanIds.map((id) => activityEventId('tenant-a', TRACE, id)),
      activityEventId('tenant-a', TRACE, '00f067aa0ba902b8'),
    ]);
  });

  it('splits a project’s activities into records of at most ACTIVITIES_PER_RECORD_MAX', async () => {
    const { publisher, service } = setup();
    const n = 2 * ACTIVITIES_PER_RECORD_MAX + 1;
    const spans = Array.from({ length: n }, (_, i) => ({
      ...render,
      spanId: (0x1000 + i).toString(16).padStart(16, '0'),
    }));
    expect(await service.export('tenant-a', batch(...spans))).toEqual({
      acceptedSpans: n,
      rejectedSpans: 0,
    });
    // 201 activities = 100 + 100 + 1
    expect(
      publisher.records.map((r) => (r.value as ActivitiesRecorded).payload.activities.length),
    ).toEqual([ACTIVITIES_PER_RECORD_MAX, ACTIVITIES_PER_RECORD_MAX, 1]);
    expect(new Set(activityIds(publisher)).size).toBe(n);
  });

  it('rejects the one activity that breaks its contract; the rest of its record is published', async () => {
    // Limits that let a start in the year 10000 through the mapping: the event made of it
    // cannot be written (years 0000–9999 only), a bug of ours the contract check catches.
    const publisher = new InMemoryEventLogPublisher();
    const service = new IngestService(publisher, () => NOW, {
      spanTimeLimits: { earliestMs: 0, maxFutureSkewMs: Number.MAX_SAFE_INTEGER },
    });
    // 10000-01-01T00:00:00Z = 253,402,300,800 s after the epoch
    const farNs = 253_402_300_800n * 1_000_000_000n;
    const far = {
      ...span('00f067aa0ba902e1', 'render', render.attributes),
      startTimeUnixNano: farNs,
      endTimeUnixNano: farNs + 60_000_000_000n,
    };
    const outcome = await service.export('tenant-a', batch(render, far));
    expect(outcome).toEqual({
      acceptedSpans: 1,
      rejectedSpans: 1,
      errorMessage:
        'span 00f067aa0ba902e1 (name "render"): ActivityRecorded.occurredAt: ' +
        'the event made of this span breaks its contract: Invalid datetime',
    });
    expect(activityIds(publisher)).toEqual([
      activityEventId('tenant-a', TRACE, '00f067aa0ba902b7'),
    ]);
    expect(publisher.records.map((r) => r.topic)).toEqual([
      TOPICS.activities,
      TOPICS.activitiesDlq,
    ]);
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

  it('rejects a finite but implausible value with its range; the valid batch-mate is accepted', async () => {
    const { publisher, service } = setup();
    // 1e306 kWh is finite, but × an intensity of a few hundred g/kWh it overflows a double
    const huge = span('00f067aa0ba902c2', 'render', {
      'greenops.activity.kind': 'render',
      'greenops.energy.kwh': 1e306,
    });
    const outcome = await service.export('tenant-a', batch(huge, render));
    expect(outcome).toEqual({
      acceptedSpans: 1,
      rejectedSpans: 1,
      errorMessage:
        'span 00f067aa0ba902c2 (name "render"): greenops.energy.kwh: must be a finite number from 0 to 10,000,000, got 1e+306',
    });
    expect(publisher.records.map((r) => r.topic)).toEqual([
      TOPICS.activities,
      TOPICS.activitiesDlq,
    ]);
    expect((consumed(publisher)[0] as ActivityRecorded).payload.spanId).toBe('00f067aa0ba902b7');
  });

  it('a span whose processing fails unexpectedly is rejected alone and the bug is logged', async () => {
    const { publisher, service } = setup();
    const logged: string[] = [];
    const spy = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((message: unknown) => void logged.push(String(message)));
    // Attributes that throw when read stand in for a bug in the mapping code.
    const exploding = new Proxy<Attributes>(
      {},
      {
        ownKeys: () => {
          throw new TypeError('simulated bug');
        },
      },
    );
    const buggy: OtlpSpan = { ...span('00f067aa0ba902c3', 'render', {}), attributes: exploding };
    try {
      const outcome = await service.export('tenant-a', batch(buggy, render));
      expect(outcome).toEqual({
        acceptedSpans: 1,
        rejectedSpans: 1,
        errorMessage: `span 00f067aa0ba902c3 (name "render"): span: ${INTERNAL_ERROR_REASON}`,
      });
      expect(publisher.records[1].value).toMatchObject({
        spanId: '00f067aa0ba902c3',
        field: 'span',
        reason: INTERNAL_ERROR_REASON,
      });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(
        /^bug: span 00f067aa0ba902c3 of tenant tenant-a could not be processed: TypeError: simulated bug/,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('bounds what a dead-letter record keeps of a rejected span', async () => {
    const { publisher, service } = setup();
    // No project anywhere, a 3.9 MiB name with a NUL in it, ids of 1 MiB.
    const hostile: OtlpSpan = {
      traceId: 'f'.repeat(1024 * 1024),
      spanId: 'e'.repeat(1024 * 1024),
      name: `\u0000${'n'.repeat(3.9 * 1024 * 1024)}`,
      startTimeUnixNano: START_NS,
      endTimeUnixNano: START_NS,
      attributes: { 'greenops.activity.kind': 'render' },
    };
    const outcome = await service.export('tenant-a', [
      { resourceAttributes: {}, spans: [hostile] },
    ]);
    expect(outcome.rejectedSpans).toBe(1);
    const record = publisher.records[0].value as RejectedSpan;
    // name: 255 kept (the NUL as U+FFFD) + "…" = 256; ids: 63 kept + "…" = 64
    expect(record).toEqual({
      type: 'RejectedSpan',
      version: 1,
      tenant: 'tenant-a',
      traceId: `${'f'.repeat(63)}…`,
      spanId: `${'e'.repeat(63)}…`,
      name: `\ufffd${'n'.repeat(254)}…`,
      field: 'traceId',
      reason: `must be 32 hex characters, not all zero, got "${'f'.repeat(64)}…"`,
      rejectedAt: '2025-01-02T03:04:05.000Z',
    });
    expect(JSON.stringify(record).length).toBeLessThan(1024);
    expect(outcome.errorMessage!.length).toBeLessThan(512);
  });

  it('every kind with every numeric attribute at the top of its range is quantified (no overflow)', async () => {
    const { publisher, service } = setup();
    const maxima: Attributes = {};
    for (const [name, rule] of Object.entries(ATTRIBUTE_RANGES)) maxima[name] = rule.max;
    const spans = ACTIVITY_KINDS.map((kind, i) =>
      span((i + 1).toString(16).padStart(16, 'a'), kind, {
        ...maxima,
        [ATTR.activityKind]: kind,
        [ATTR.travelMode]: 'flight',
        [ATTR.fuelType]: 'diesel',
        [ATTR.aiModality]: 'video',
        // greenops.artifact.duration_s describes an artifact, so it needs one.
        [ATTR.artifactId]: 'clip-max',
      }),
    );
    const outcome = await service.export('tenant-a', batch(...spans));
    expect(outcome).toEqual({ acceptedSpans: ACTIVITY_KINDS.length, rejectedSpans: 0 });
    const events = consumed(publisher) as ActivityRecorded[];
    expect(events).toHaveLength(ACTIVITY_KINDS.length);
    for (const event of events) {
      const result = computeEmissions({ ...event.payload, tenant: 'tenant-a', projectId: 'p' });
      expect(Number.isFinite(result.co2eG.high)).toBe(true);
    }
  });

  it('any values within the ranges: every span gets an outcome, none an internal error (property)', async () => {
    const numeric = Object.keys(ATTRIBUTE_RANGES) as NumericAttribute[];
    const inRange = (name: NumericAttribute) => {
      const rule = ATTRIBUTE_RANGES[name];
      return 'integer' in rule && rule.integer
        ? fc.integer({ min: rule.min, max: rule.max })
        : fc.double({ min: rule.min, max: rule.max, noNaN: true, noDefaultInfinity: true });
    };
    const attributes = fc.record(
      Object.fromEntries(numeric.map((name) => [name, inRange(name)])) as Record<
        NumericAttribute,
        fc.Arbitrary<number>
      >,
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIVITY_KINDS),
        fc.constantFrom(...(['flight', 'car', 'van', 'rail', 'taxi', 'ferry'] as const)),
        attributes,
        async (kind, mode, values) => {
          const { publisher, service } = setup();
          const attrs: Attributes = { ...values, [ATTR.activityKind]: kind };
          if (kind === 'travel') {
            attrs[ATTR.travelMode] = mode;
            attrs[ATTR.travelDistanceKm] ??= 100;
          }
          const outcome = await service.export(
            'tenant-a',
            batch(span('00f067aa0ba902d1', 'x', attrs)),
          );
          expect(outcome.acceptedSpans + outcome.rejectedSpans).toBe(1);
          for (const record of publisher.records) {
            if (record.topic === TOPICS.activitiesDlq) {
              expect((record.value as RejectedSpan).field).not.toBe('span');
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
