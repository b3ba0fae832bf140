import type { Activity } from '@greenops/domain';
import fc from 'fast-check';
import { ATTR } from './attributes';
import type { Attributes, OtlpSpan } from './otlp-span';
import { mapSpanToActivity as mapWithTime, type SpanMappingResult } from './span-to-activity';
import { DEFAULT_SPAN_TIME_LIMITS, type SpanTimeContext } from './span-time-limits';

// 1_700_000_000 s after the epoch is 2023-11-14T22:13:20Z.
const START_NS = 1_700_000_000_000_000_000n;

function span(attributes: Attributes, overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: '4BF92F3577B34DA6A3CE929D0E0E4736',
    spanId: '00F067AA0BA902B7',
    name: 'render',
    startTimeUnixNano: START_NS,
    // + 90.5 s
    endTimeUnixNano: START_NS + 90_500_000_000n,
    attributes,
    ...overrides,
  };
}

// The receiver's clock in these tests: 2025-01-01T00:00:00Z, with the default limits.
const TIME: SpanTimeContext = {
  receivedAtMs: Date.UTC(2025, 0, 1),
  limits: DEFAULT_SPAN_TIME_LIMITS,
};

function mapSpanToActivity(tenant: string, s: OtlpSpan, resource: Attributes): SpanMappingResult {
  return mapWithTime(tenant, s, resource, TIME);
}

const REQUIRED: Attributes = { [ATTR.projectId]: 'series-s01', [ATTR.activityKind]: 'render' };

function accepted(result: SpanMappingResult): Activity {
  if (!result.ok) throw new Error(`expected ok, got ${result.field}: ${result.reason}`);
  return result.activity;
}

function rejection(
  attributes: Attributes,
  overrides: Partial<OtlpSpan> = {},
  resource: Attributes = {},
) {
  const result = mapSpanToActivity('tenant-a', span(attributes, overrides), resource);
  if (result.ok) throw new Error('expected a rejection');
  return { field: result.field, reason: result.reason };
}

describe('mapSpanToActivity', () => {
  it('maps a minimal render span: ids lower-cased, times ISO, duration end − start', () => {
    const activity = accepted(mapSpanToActivity('tenant-a', span(REQUIRED), {}));
    expect(activity).toEqual({
      tenant: 'tenant-a',
      projectId: 'series-s01',
      kind: 'render',
      name: 'render',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      startTime: '2023-11-14T22:13:20.000Z',
      endTime: '2023-11-14T22:14:50.500Z',
      durationS: 90.5,
      measurements: {},
    });
  });

  it('maps every measurement attribute, accepting numeric strings and normalising case', () => {
    const activity = accepted(
      mapSpanToActivity(
        'tenant-a',
        span({
          ...REQUIRED,
          [ATTR.activityKind]: 'AI.Inference',
          [ATTR.artifactId]: 'ep01/sc03/sh010/v004',
          [ATTR.artifactParentId]: 'ep01/sc03/sh010',
          [ATTR.artifactKind]: 'Video',
          [ATTR.artifactStatus]: 'draft',
          [ATTR.energyKwh]: '0.381',
          [ATTR.intensityGPerKwh]: 233,
          [ATTR.marketIntensityGPerKwh]: 0,
          [ATTR.pue]: 1.1,
          [ATTR.cloudProvider]: 'GCP',
          [ATTR.cloudRegion]: 'europe-west1',
          [ATTR.country]: 'be',
          [ATTR.hwModel]: 'NVIDIA H100',
          [ATTR.hwCount]: 8,
          [ATTR.hwPowerW]: '700',
          [ATTR.hwUtilization]: 0.85,
          [ATTR.hwEmbodiedKgCo2e]: 1500,
          [ATTR.hwLifetimeH]: 35040,
          [ATTR.genAiRequestModel]: 'wan2.1-t2v-1.3b',
          [ATTR.genAiInputTokens]: 120,
          [ATTR.genAiOutputTokens]: '0',
          [ATTR.aiModality]: 'video',
          [ATTR.aiVideoWidth]: 1280,
          [ATTR.aiVideoHeight]: 720,
          [ATTR.aiVideoFrames]: 192,
          [ATTR.aiVideoFps]: 24,
          [ATTR.aiVideoDurationS]: 8,
          [ATTR.aiDenoisingSteps]: 50,
          [ATTR.aiImages]: 0,
          [ATTR.aiCredits]: 2.5,
          [ATTR.transferBytes]: 1e9,
          [ATTR.storageBytes]: 5e12,
          [ATTR.storageMedia]: 'HDD',
          [ATTR.storageReplication]: 3,
          [ATTR.fuelType]: 'HVO',
          [ATTR.fuelLitres]: 12.5,
          [ATTR.onsetSource]: 'hybrid_generator',
          [ATTR.lightingType]: 'LED',
          [ATTR.accommodationNights]: 2,
        }),
        {},
      ),
    );
    expect(activity.kind).toBe('ai.inference');
    expect(activity.artifact).toEqual({
      id: 'ep01/sc03/sh010/v004',
      parentId: 'ep01/sc03/sh010',
      kind: 'video',
      status: 'draft',
    });
    expect(activity.measurements).toEqual({
      energyKwh: 0.381,
      intensityGPerKwh: 233,
      marketIntensityGPerKwh: 0,
      pue: 1.1,
      cloudProvider: 'gcp',
      cloudRegion: 'europe-west1',
      country: 'BE',
      hw: {
        model: 'NVIDIA H100',
        count: 8,
        powerW: 700,
        utilization: 0.85,
        embodiedKgCo2e: 1500,
        lifetimeH: 35040,
      },
      ai: {
        model: 'wan2.1-t2v-1.3b',
        modality: 'video',
        inputTokens: 120,
        outputTokens: 0,
        video: { width: 1280, height: 720, frames: 192, fps: 24, durationS: 8 },
        denoisingSteps: 50,
        images: 0,
        credits: 2.5,
      },
      transferBytes: 1e9,
      storage: { bytes: 5e12, media: 'hdd', replication: 3 },
      fuel: { type: 'hvo', litres: 12.5 },
      onset: { source: 'hybrid_generator', lightingType: 'led' },
      accommodationNights: 2,
    });
  });

  it('maps a travel span with mode and distance', () => {
    const activity = accepted(
      mapSpanToActivity(
        'tenant-a',
        span({
          ...REQUIRED,
          [ATTR.activityKind]: 'travel',
          [ATTR.travelMode]: 'Rail',
          [ATTR.travelDistanceKm]: '342.5',
          [ATTR.travelPassengers]: 4,
          [ATTR.travelClass]: 'Standard',
        }),
        {},
      ),
    );
    expect(activity.measurements.travel).toEqual({
      mode: 'rail',
      distanceKm: 342.5,
      passengers: 4,
      cabinClass: 'standard',
    });
  });

  it('takes project and kind from the resource, and span attributes override resource ones', () => {
    const resource: Attributes = {
      [ATTR.projectId]: 'series-s01',
      [ATTR.activityKind]: 'workstation',
      [ATTR.pue]: 1.4,
      [ATTR.country]: 'GB',
    };
    const activity = accepted(mapSpanToActivity('tenant-a', span({ [ATTR.pue]: 1.0 }), resource));
    expect(activity.projectId).toBe('series-s01');
    expect(activity.kind).toBe('workstation');
    expect(activity.measurements).toEqual({ pue: 1, country: 'GB' });
  });

  it('a malformed resource attribute is overridden by a valid span attribute', () => {
    const activity = accepted(
      mapSpanToActivity('tenant-a', span({ ...REQUIRED, [ATTR.pue]: 1.2 }), { [ATTR.pue]: 'x' }),
    );
    expect(activity.measurements.pue).toBe(1.2);
  });

  it('maps the audit attributes: videos per span, energy boundary, facility type, embodied share', () => {
    const activity = accepted(
      mapSpanToActivity(
        'tenant-a',
        span({
          ...REQUIRED,
          [ATTR.activityKind]: 'ai.inference',
          [ATTR.energyKwh]: 794,
          [ATTR.energyBoundary]: 'Facility',
          [ATTR.facilityType]: 'server-room',
          [ATTR.hwEmbodiedShare]: '0.25',
          [ATTR.aiVideos]: 1450,
        }),
        {},
      ),
    );
    expect(activity.measurements).toEqual({
      energyKwh: 794,
      energyBoundary: 'facility',
      facilityType: 'server-room',
      embodiedShare: 0.25,
      ai: { videos: 1450 },
    });
  });

  it.each<[string, Attributes, { field: string; reason: string }]>([
    [
      'zero videos',
      { [ATTR.aiVideos]: 0 },
      { field: ATTR.aiVideos, reason: 'must be a whole number from 1 to 1,000,000, got 0' },
    ],
    [
      'fractional videos',
      { [ATTR.aiVideos]: 2.5 },
      { field: ATTR.aiVideos, reason: 'must be a whole number from 1 to 1,000,000, got 2.5' },
    ],
    [
      'more videos than the range',
      { [ATTR.aiVideos]: 1_000_001 },
      { field: ATTR.aiVideos, reason: 'must be a whole number from 1 to 1,000,000, got 1000001' },
    ],
    [
      'embodied share above 1',
      { [ATTR.hwEmbodiedShare]: 1.5 },
      { field: ATTR.hwEmbodiedShare, reason: 'must be a finite number from 0 to 1, got 1.5' },
    ],
    [
      'unknown boundary',
      { [ATTR.energyKwh]: 1, [ATTR.energyBoundary]: 'building' },
      { field: ATTR.energyBoundary, reason: 'must be one of it, facility; got "building"' },
    ],
    [
      'boundary without the energy it describes',
      { [ATTR.energyBoundary]: 'facility' },
      { field: ATTR.energyKwh, reason: `required when ${ATTR.energyBoundary} is set` },
    ],
    [
      'unknown facility type',
      { [ATTR.facilityType]: 'garage' },
      {
        field: ATTR.facilityType,
        reason: 'must be one of workstation, server-room, data-centre; got "garage"',
      },
    ],
  ])('rejects %s', (_label, extra, expected) => {
    expect(rejection({ ...REQUIRED, ...extra })).toEqual(expected);
  });

  it('greenops.activity.duration_s overrides end − start', () => {
    // an instant span (start = end) that logs an 8 h shift: 8 × 3600 = 28 800 s
    const activity = accepted(
      mapSpanToActivity(
        'tenant-a',
        span({ ...REQUIRED, [ATTR.activityDurationS]: 28800 }, { endTimeUnixNano: START_NS }),
        {},
      ),
    );
    expect(activity.durationS).toBe(28800);
  });

  it('truncates very long span names instead of rejecting, ending them in a marker', () => {
    const activity = accepted(
      mapSpanToActivity('tenant-a', span(REQUIRED, { name: 'x'.repeat(4 * 1024 * 1024) }), {}),
    );
    // 255 characters kept + "…" = 256
    expect(activity.name).toBe(`${'x'.repeat(255)}…`);
  });

  it('replaces control characters and lone surrogates in a span name, which no database stores', () => {
    const activity = accepted(
      mapSpanToActivity('tenant-a', span(REQUIRED, { name: 'shot\u0000 1\ud800' }), {}),
    );
    expect(activity.name).toBe('shot\ufffd 1\ufffd');
  });

  it('accepts a span at the earliest instant and one exactly 24 h ahead, lasting 366 days', () => {
    // 2000-01-01T00:00:00Z is 946_684_800 s; the clock + 24 h is 1_735_776_000 s
    expect(
      mapSpanToActivity(
        'tenant-a',
        span(REQUIRED, {
          startTimeUnixNano: 946_684_800_000_000_000n,
          endTimeUnixNano: 946_684_800_000_000_000n + 31_622_400_000_000_000n,
        }),
        {},
      ).ok,
    ).toBe(true);
    expect(
      mapSpanToActivity(
        'tenant-a',
        span(REQUIRED, {
          startTimeUnixNano: 1_735_776_000_000_000_000n,
          endTimeUnixNano: 1_735_776_000_000_000_000n,
        }),
        {},
      ).ok,
    ).toBe(true);
  });

  it('applies configured time limits', () => {
    const strict: SpanTimeContext = {
      receivedAtMs: Date.UTC(2025, 0, 1),
      limits: { earliestMs: Date.UTC(2024, 0, 1), maxFutureSkewMs: 0 },
    };
    // START_NS is 2023-11-14, before the configured 2024-01-01
    const result = mapWithTime('tenant-a', span(REQUIRED), {}, strict);
    expect(result).toEqual({
      ok: false,
      field: 'startTimeUnixNano',
      reason: 'must not be before 2024-01-01T00:00:00.000Z, got 2023-11-14T22:13:20.000Z',
    });
  });

  it('accepts a start time exactly when it lies in [earliest, clock + skew] (property)', () => {
    const MS = 1_000_000n;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
          // 1990 … 2030, where the window's edges are
          fc.bigInt({ min: 631_152_000_000_000_000n, max: 1_893_456_000_000_000_000n }),
        ),
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (startNs, skewMs) => {
          const time: SpanTimeContext = {
            receivedAtMs: Date.UTC(2025, 0, 1),
            limits: { earliestMs: Date.UTC(2000, 0, 1), maxFutureSkewMs: skewMs },
          };
          const inWindow =
            startNs >= BigInt(Date.UTC(2000, 0, 1)) * MS &&
            startNs <= BigInt(Date.UTC(2025, 0, 1) + skewMs) * MS;
          const result = mapWithTime(
            'tenant-a',
            span(REQUIRED, { startTimeUnixNano: startNs, endTimeUnixNano: startNs }),
            {},
            time,
          );
          expect(result.ok).toBe(inWindow);
          if (!result.ok) expect(result.field).toBe('startTimeUnixNano');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects a span with more than 128 attributes, and a resource with more than 128', () => {
    const many: Attributes = { ...REQUIRED };
    for (let i = 0; Object.keys(many).length < 129; i++) many[`x.${i}`] = i;
    expect(rejection(many)).toEqual({
      field: 'attributes',
      reason: 'must hold at most 128 attributes, got 129',
    });
    expect(rejection(REQUIRED, {}, many)).toEqual({
      field: 'resource.attributes',
      reason: 'must hold at most 128 attributes, got 129',
    });
    const exactly128 = Object.fromEntries(Object.entries(many).slice(0, 128));
    expect(mapSpanToActivity('tenant-a', span(exactly128), {}).ok).toBe(true);
  });

  it('never throws, whatever the attribute values', () => {
    const weird: Attributes = { ...REQUIRED, [ATTR.energyKwh]: [1, 2], [ATTR.hwCount]: true };
    expect(mapSpanToActivity('t', span(weird), { ['__proto__']: 'x' }).ok).toBe(false);
  });

  describe('rejections name the field and the reason', () => {
    it.each<[string, Attributes, { field: string; reason: string }]>([
      [
        'missing project',
        { [ATTR.activityKind]: 'render' },
        { field: ATTR.projectId, reason: 'required attribute is missing' },
      ],
      [
        'missing kind',
        { [ATTR.projectId]: 'p1' },
        { field: ATTR.activityKind, reason: 'required attribute is missing' },
      ],
      [
        'empty project',
        { ...REQUIRED, [ATTR.projectId]: '  ' },
        { field: ATTR.projectId, reason: 'must be a non-empty string, got "  "' },
      ],
      [
        'numeric project',
        { ...REQUIRED, [ATTR.projectId]: 42 },
        { field: ATTR.projectId, reason: 'must be a non-empty string, got 42' },
      ],
      [
        'project with a slash',
        { ...REQUIRED, [ATTR.projectId]: 'a/b' },
        {
          field: ATTR.projectId,
          reason:
            'must be letters, digits, ".", "_", "-" or ":" starting with a letter or digit, got "a/b"',
        },
      ],
      [
        'project too long',
        { ...REQUIRED, [ATTR.projectId]: 'p'.repeat(201) },
        { field: ATTR.projectId, reason: 'must be at most 200 characters, got 201' },
      ],
      [
        'unknown kind',
        { ...REQUIRED, [ATTR.activityKind]: 'lunch' },
        {
          field: ATTR.activityKind,
          reason:
            'must be one of render, workstation, ai.inference, transfer, storage, travel, onset.energy, accommodation; got "lunch"',
        },
      ],
      [
        'non-numeric energy',
        { ...REQUIRED, [ATTR.energyKwh]: 'abc' },
        {
          field: ATTR.energyKwh,
          reason: 'must be a finite number from 0 to 10,000,000, got "abc"',
        },
      ],
      [
        'negative energy',
        { ...REQUIRED, [ATTR.energyKwh]: -1 },
        { field: ATTR.energyKwh, reason: 'must be a finite number from 0 to 10,000,000, got -1' },
      ],
      [
        'NaN power',
        { ...REQUIRED, [ATTR.hwPowerW]: Number.NaN },
        { field: ATTR.hwPowerW, reason: 'must be a finite number from 0 to 100,000, got NaN' },
      ],
      [
        'infinite bytes',
        { ...REQUIRED, [ATTR.transferBytes]: Number.POSITIVE_INFINITY },
        {
          field: ATTR.transferBytes,
          reason: 'must be a finite number from 0 to 10,000,000,000,000,000, got Infinity',
        },
      ],
      [
        'boolean count',
        { ...REQUIRED, [ATTR.hwCount]: true },
        { field: ATTR.hwCount, reason: 'must be a finite number from 0 to 100,000, got true' },
      ],
      [
        'array energy',
        { ...REQUIRED, [ATTR.energyKwh]: [1, 2] },
        { field: ATTR.energyKwh, reason: 'must be a single value, got an array' },
      ],
      [
        'hex-looking number string',
        { ...REQUIRED, [ATTR.transferBytes]: '0x10' },
        {
          field: ATTR.transferBytes,
          reason: 'must be a finite number from 0 to 10,000,000,000,000,000, got "0x10"',
        },
      ],
      [
        'utilization as a percentage',
        { ...REQUIRED, [ATTR.hwUtilization]: 85 },
        { field: ATTR.hwUtilization, reason: 'must be a finite number from 0 to 1, got 85' },
      ],
      [
        'pue below 1',
        { ...REQUIRED, [ATTR.pue]: 0.9 },
        { field: ATTR.pue, reason: 'must be a finite number from 1 to 5, got 0.9' },
      ],
      [
        'zero lifetime',
        { ...REQUIRED, [ATTR.hwLifetimeH]: 0 },
        { field: ATTR.hwLifetimeH, reason: 'must be a finite number from 1 to 1,000,000, got 0' },
      ],
      [
        'fractional token count',
        { ...REQUIRED, [ATTR.genAiInputTokens]: 1.5 },
        {
          field: ATTR.genAiInputTokens,
          reason: 'must be a whole number from 0 to 1,000,000,000, got 1.5',
        },
      ],
      [
        'unknown modality',
        { ...REQUIRED, [ATTR.aiModality]: 'gif' },
        {
          field: ATTR.aiModality,
          reason: 'must be one of text, image, video, upscale, audio; got "gif"',
        },
      ],
      [
        'unknown storage media',
        { ...REQUIRED, [ATTR.storageBytes]: 1, [ATTR.storageMedia]: 'floppy' },
        { field: ATTR.storageMedia, reason: 'must be one of ssd, hdd, tape, object; got "floppy"' },
      ],
      [
        'storage media without bytes',
        { ...REQUIRED, [ATTR.storageMedia]: 'ssd' },
        { field: ATTR.storageBytes, reason: 'required when greenops.storage.media is set' },
      ],
      [
        'storage system without bytes',
        { ...REQUIRED, [ATTR.storageSystem]: 'isilon-ldn-1' },
        { field: ATTR.storageBytes, reason: 'required when greenops.storage.system is set' },
      ],
      [
        'storage uri without a system',
        { ...REQUIRED, [ATTR.storageBytes]: 1, [ATTR.storageUri]: '/vfx/sh010' },
        { field: ATTR.storageSystem, reason: 'required when greenops.storage.uri is set' },
      ],
      [
        'storage uri over 1024 characters',
        {
          ...REQUIRED,
          [ATTR.storageBytes]: 1,
          [ATTR.storageSystem]: 'isilon-ldn-1',
          [ATTR.storageUri]: 'x'.repeat(1025),
        },
        { field: ATTR.storageUri, reason: 'must be at most 1024 characters, got 1025' },
      ],
      [
        'zero replication',
        { ...REQUIRED, [ATTR.storageBytes]: 1, [ATTR.storageReplication]: 0 },
        { field: ATTR.storageReplication, reason: 'must be a whole number from 1 to 100, got 0' },
      ],
      [
        'unknown travel mode',
        {
          ...REQUIRED,
          [ATTR.activityKind]: 'travel',
          [ATTR.travelMode]: 'horse',
          [ATTR.travelDistanceKm]: 3,
        },
        {
          field: ATTR.travelMode,
          reason: 'must be one of flight, car, van, rail, taxi, ferry; got "horse"',
        },
      ],
      [
        'travel without mode',
        { ...REQUIRED, [ATTR.activityKind]: 'travel', [ATTR.travelDistanceKm]: 3 },
        { field: ATTR.travelMode, reason: 'required for activity kind "travel"' },
      ],
      [
        'travel without distance',
        { ...REQUIRED, [ATTR.activityKind]: 'travel', [ATTR.travelMode]: 'car' },
        { field: ATTR.travelDistanceKm, reason: 'required for activity kind "travel"' },
      ],
      [
        'travel attributes on another kind, incomplete',
        { ...REQUIRED, [ATTR.travelMode]: 'car' },
        { field: ATTR.travelDistanceKm, reason: 'required when greenops.travel.mode is set' },
      ],
      [
        'fuel litres without type',
        { ...REQUIRED, [ATTR.fuelLitres]: 10 },
        { field: ATTR.fuelType, reason: 'required when greenops.fuel.litres is set' },
      ],
      [
        'unknown on-set source',
        { ...REQUIRED, [ATTR.onsetSource]: 'sunshine' },
        {
          field: ATTR.onsetSource,
          reason:
            'must be one of grid, diesel_generator, hybrid_generator, battery; got "sunshine"',
        },
      ],
      [
        'country name instead of code',
        { ...REQUIRED, [ATTR.country]: 'Poland' },
        {
          field: ATTR.country,
          reason: 'must be an ISO 3166-1 alpha-2 code such as "GB", got "Poland"',
        },
      ],
      [
        'artifact parent without artifact',
        { ...REQUIRED, [ATTR.artifactParentId]: 'shot-1' },
        { field: ATTR.artifactId, reason: 'required when greenops.artifact.parent.id is set' },
      ],
      [
        'control characters in a string',
        { ...REQUIRED, [ATTR.hwModel]: 'a\u0000b' },
        { field: ATTR.hwModel, reason: 'must not contain control characters, got "a\\u0000b"' },
      ],
      [
        'energy of 1e306 kWh: finite, but past the plausible 10 GWh',
        { ...REQUIRED, [ATTR.energyKwh]: 1e306 },
        {
          field: ATTR.energyKwh,
          reason: 'must be a finite number from 0 to 10,000,000, got 1e+306',
        },
      ],
      [
        'a travel leg longer than the equator',
        {
          ...REQUIRED,
          [ATTR.activityKind]: 'travel',
          [ATTR.travelMode]: 'car',
          [ATTR.travelDistanceKm]: 40_076,
        },
        {
          field: ATTR.travelDistanceKm,
          reason: 'must be a finite number from 0 to 40,075, got 40076',
        },
      ],
      [
        '1e308 room-nights',
        { ...REQUIRED, [ATTR.accommodationNights]: '1e308' },
        {
          field: ATTR.accommodationNights,
          reason: 'must be a finite number from 0 to 100,000, got "1e308"',
        },
      ],
      [
        'a count of 100,001 devices',
        { ...REQUIRED, [ATTR.hwCount]: 100_001 },
        { field: ATTR.hwCount, reason: 'must be a finite number from 0 to 100,000, got 100001' },
      ],
      [
        'a zero frame rate',
        { ...REQUIRED, [ATTR.aiVideoFps]: 0 },
        {
          field: ATTR.aiVideoFps,
          reason: 'must be a finite number greater than 0 and at most 1,000, got 0',
        },
      ],
      [
        'a lone surrogate in an artifact id',
        { ...REQUIRED, [ATTR.artifactId]: 'shot-\ud800' },
        { field: ATTR.artifactId, reason: 'must be valid Unicode text, got a lone surrogate' },
      ],
      [
        'an artifact id longer than 256 characters: an identity is never truncated',
        { ...REQUIRED, [ATTR.artifactId]: 'a'.repeat(257) },
        { field: ATTR.artifactId, reason: 'must be at most 256 characters, got 257' },
      ],
      [
        'negative duration override',
        { ...REQUIRED, [ATTR.activityDurationS]: -5 },
        {
          field: ATTR.activityDurationS,
          reason: 'must be a finite number from 0 to 31,622,400, got -5',
        },
      ],
    ])('%s', (_label, attributes, expected) => {
      expect(rejection(attributes)).toEqual(expected);
    });

    it('rejects a resource attribute that no span attribute overrides', () => {
      expect(rejection(REQUIRED, {}, { [ATTR.pue]: 'high' })).toEqual({
        field: ATTR.pue,
        reason: 'must be a finite number from 1 to 5, got "high"',
      });
    });

    it.each<[string, Partial<OtlpSpan>, { field: string; reason: string }]>([
      [
        'short trace id',
        { traceId: 'abc' },
        { field: 'traceId', reason: 'must be 32 hex characters, not all zero, got "abc"' },
      ],
      [
        'all-zero trace id',
        { traceId: '0'.repeat(32) },
        {
          field: 'traceId',
          reason: `must be 32 hex characters, not all zero, got "${'0'.repeat(32)}"`,
        },
      ],
      [
        'non-hex span id',
        { spanId: 'zzzzzzzzzzzzzzzz' },
        {
          field: 'spanId',
          reason: 'must be 16 hex characters, not all zero, got "zzzzzzzzzzzzzzzz"',
        },
      ],
      [
        'all-zero span id',
        { spanId: '0000000000000000' },
        {
          field: 'spanId',
          reason: 'must be 16 hex characters, not all zero, got "0000000000000000"',
        },
      ],
      [
        'unset start time',
        { startTimeUnixNano: 0n },
        { field: 'startTimeUnixNano', reason: 'must be a positive Unix time in ns, got 0' },
      ],
      [
        'end before start',
        { endTimeUnixNano: START_NS - 1n },
        {
          field: 'endTimeUnixNano',
          reason:
            'must not be before startTimeUnixNano (1700000000000000000), got 1699999999999999999',
        },
      ],
      [
        'start before the earliest instant (2000-01-01)',
        // 946_684_799 s after the epoch is 1999-12-31T23:59:59Z
        { startTimeUnixNano: 946_684_799_000_000_000n },
        {
          field: 'startTimeUnixNano',
          reason: 'must not be before 2000-01-01T00:00:00.000Z, got 1999-12-31T23:59:59.000Z',
        },
      ],
      [
        'start more than 24 h ahead of the receiver',
        // the clock is 2025-01-01T00:00:00Z (1_735_689_600 s); + 24 h + 1 s = 1_735_776_001 s
        {
          startTimeUnixNano: 1_735_776_001_000_000_000n,
          endTimeUnixNano: 1_735_776_001_000_000_000n,
        },
        {
          field: 'startTimeUnixNano',
          reason:
            "must not be more than 24 h ahead of the receiver's clock (2025-01-01T00:00:00.000Z), got 2025-01-02T00:00:01.000Z",
        },
      ],
      [
        'end more than 24 h ahead of the receiver',
        { endTimeUnixNano: 1_735_776_001_000_000_000n },
        {
          field: 'endTimeUnixNano',
          reason:
            "must not be more than 24 h ahead of the receiver's clock (2025-01-01T00:00:00.000Z), got 2025-01-02T00:00:01.000Z",
        },
      ],
      [
        'end in year 275760, beyond any Date',
        // JS Dates end at 8.64e15 ms = 8.64e21 ns; 1e22 ns is past it
        { endTimeUnixNano: 10n ** 22n },
        {
          field: 'endTimeUnixNano',
          reason:
            "must not be more than 24 h ahead of the receiver's clock (2025-01-01T00:00:00.000Z), got 10000000000000000000000 ns",
        },
      ],
      [
        'lasting more than 366 days',
        // 366 d = 31_622_400 s; one more second
        { endTimeUnixNano: START_NS + 31_622_401_000_000_000n },
        {
          field: 'endTimeUnixNano',
          reason:
            'must be at most 366 d after startTimeUnixNano (send a longer activity as several spans), got 2024-11-14T22:13:21.000Z for a start at 2023-11-14T22:13:20.000Z',
        },
      ],
    ])('%s', (_label, overrides, expected) => {
      expect(rejection(REQUIRED, overrides)).toEqual(expected);
    });
  });
});

describe('storage system and location (docs/retention.md)', () => {
  it('keeps greenops.storage.system and greenops.storage.uri with the bytes', () => {
    const activity = accepted(
      mapSpanToActivity(
        'tenant-a',
        span({
          ...REQUIRED,
          [ATTR.activityKind]: 'storage',
          [ATTR.storageBytes]: 5e12,
          [ATTR.storageSystem]: ' s3:vfx-renders ',
          [ATTR.storageUri]: 's3://vfx-renders/sh010/v1/',
        }),
        {},
      ),
    );
    expect(activity.measurements.storage).toEqual({
      bytes: 5e12,
      system: 's3:vfx-renders',
      uri: 's3://vfx-renders/sh010/v1/',
    });
  });
});
