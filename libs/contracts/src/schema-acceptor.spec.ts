import { z } from 'zod';
import { activitiesRecorded, activitiesRecordedV1 } from './activities-recorded';
import { activityEventId } from './event-id';
import { encodeLogRecord, parseLogRecord } from './log-events';
import { schemaAcceptor } from './schema-acceptor';
import { TOPICS } from './topics';
import type { ActivityRecorded } from './activity-recorded';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function payload(spanId: string): ActivityRecorded['payload'] {
  // Every optional part of the contract filled in, in the contract's field order.
  return {
    kind: 'ai.inference',
    name: 'generate sh010',
    traceId: TRACE,
    spanId,
    startTime: '2026-11-02T09:00:00.000Z',
    endTime: '2026-11-02T10:00:00.000Z',
    durationS: 3600,
    artifact: { id: 'sh010', parentId: 'seq01', kind: 'shot', status: 'final', durationS: 4 },
    measurements: {
      energyKwh: 1.5,
      energyBoundary: 'it',
      facilityType: 'data-centre',
      embodiedShare: 0.25,
      intensityGPerKwh: 200,
      marketIntensityGPerKwh: 0,
      pue: 1.2,
      cloudProvider: 'aws',
      cloudRegion: 'eu-west-1',
      country: 'IE',
      hw: {
        model: 'a100',
        count: 2,
        powerW: 400,
        utilization: 1,
        embodiedKgCo2e: 1500,
        lifetimeH: 35040,
      },
      ai: {
        model: 'video-gen',
        modality: 'video',
        inputTokens: 12,
        outputTokens: 0,
        video: { width: 1920, height: 1080, frames: 96, fps: 24, durationS: 4 },
        denoisingSteps: 30,
        images: 0,
        credits: 2.5,
        videos: 1,
      },
      transferBytes: 1e9,
      storage: { bytes: 5e9, media: 'ssd', replication: 3, system: 's3', uri: 's3://b/k' },
      travel: { mode: 'rail', distanceKm: 120, passengers: 1, cabinClass: 'economy' },
      fuel: { type: 'diesel', litres: 10 },
      onset: { source: 'generator', lightingType: 'led' },
      accommodationNights: 2,
    },
  };
}

function record(spans = ['00f067aa0ba902b7', '00f067aa0ba902b8']): unknown {
  return activitiesRecorded(
    'studio-north',
    'series-s01',
    '2026-11-02T10:00:00.000Z',
    spans.map((spanId) => ({
      id: activityEventId('studio-north', TRACE, spanId),
      occurredAt: '2026-11-02T09:00:00.000Z',
      payload: payload(spanId),
    })),
  );
}

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  -0,
  0,
  0.5,
  1,
  1.5,
  2,
  '',
  'x',
  'IT',
  'video',
  'render',
  '2026-11-02T09:00:00.000Z',
  '2026-11-02 09:00:00',
  'ABCDEF00-0000-5000-8000-000000000000',
  TRACE.toUpperCase(),
  'x'.repeat(257),
  true,
  {},
  [],
];

type Path = Array<string | number>;

/** A deep copy made in this realm (structuredClone's objects have another realm's prototypes). */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => clone(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = clone(v);
  return out as T;
}

function leafPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    path,
    ...keys.flatMap((k) => leafPaths((value as Record<string, unknown>)[k], [...path, k])),
  ];
}

function withAt(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = clone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, path[path.length - 1]);
  return copy;
}

/** Variants of `root`: each node replaced by odd values, removed, given an extra key, reordered. */
function mutants(root: unknown): unknown[] {
  const out: unknown[] = [];
  for (const path of leafPaths(root)) {
    if (path.length === 0) continue;
    for (const odd of ODD_VALUES) out.push(withAt(root, path, (p, k) => (p[k] = clone(odd))));
    out.push(withAt(root, path, (p, k) => delete p[k]));
    out.push(
      withAt(root, path, (p, k) => {
        const node = p[k];
        if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
          (node as Record<string, unknown>).extra = 1;
        }
      }),
    );
    out.push(
      withAt(root, path, (p, k) => {
        const node = p[k] as Record<string, unknown>;
        if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
        const [first] = Object.keys(node);
        if (first === undefined) return;
        const value = node[first];
        delete node[first];
        node[first] = value;
      }),
    );
  }
  return out;
}

describe('schemaAcceptor', () => {
  it('accepts a valid record, and only where zod gives back the same record, byte for byte', () => {
    const accepts = schemaAcceptor(activitiesRecordedV1);
    expect(accepts(record())).toBe(true);
    const valid = record(['00f067aa0ba902b7']);
    expect(accepts(valid)).toBe(true);

    let accepted = 0;
    let rejectedByZod = 0;
    const all = mutants(valid);
    for (const mutant of all) {
      const zod = activitiesRecordedV1.safeParse(mutant);
      if (!zod.success) rejectedByZod++;
      if (!accepts(mutant)) continue;
      accepted++;
      // Accepting is a promise that zod agrees and would return this very value.
      expect(zod.success).toBe(true);
      expect(zod.data).toStrictEqual(mutant);
      expect(JSON.stringify(zod.data)).toBe(JSON.stringify(mutant));
    }
    // Both outcomes occur, so the implication above is exercised both ways.
    expect(accepted).toBeGreaterThan(100);
    expect(rejectedByZod).toBeGreaterThan(100);
    expect(accepted + rejectedByZod).toBeLessThan(all.length);
  });

  it('agrees with zod on uuids', () => {
    const schema = z.string().uuid();
    const accepts = schemaAcceptor(schema);
    for (const s of [
      activityEventId('t', TRACE, '00f067aa0ba902b7'),
      'ABCDEF00-0000-5000-8000-000000000000',
      '00000000-0000-0000-0000-000000000000',
      'abcdef000000-5000-8000-000000000000',
      'abcdef00-0000-5000-8000-00000000000',
      'abcdef00-0000-5000-8000-0000000000000',
      'abcdef00-0000-5000-8000-00000000000g',
      'abcdef00-0000-5000-8000-000000000000\n',
      '',
    ])
      expect([s, accepts(s)]).toEqual([s, schema.safeParse(s).success]);
  });

  it('leaves refinements, transforms and defaults to zod', () => {
    expect(schemaAcceptor(z.string().email())('a@b.co')).toBe(false);
    expect(schemaAcceptor(z.number().refine((n) => n > 0))(1)).toBe(false);
    expect(schemaAcceptor(z.string().transform((s) => s.length))('a')).toBe(false);
    expect(schemaAcceptor(z.object({ a: z.number().default(1) }))({ a: 1 })).toBe(false);
    expect(schemaAcceptor(z.object({ a: z.number() }).passthrough())({ a: 1 })).toBe(false);
    expect(schemaAcceptor(z.coerce.number())(1)).toBe(false);
  });
});

describe('the registry with the acceptor', () => {
  it('reads a record from the log as zod does: the same event, or the same field and reason', () => {
    const valid = JSON.parse(JSON.stringify(record())) as Record<string, unknown>;
    const read = parseLogRecord(TOPICS.activities, valid);
    expect(read).toEqual({ ok: true, event: activitiesRecordedV1.parse(valid) });

    const badSpan = clone(valid) as {
      payload: { activities: Array<{ payload: { spanId: string } }> };
    };
    badSpan.payload.activities[1].payload.spanId = '00F067AA0BA902B8';
    expect(parseLogRecord(TOPICS.activities, badSpan)).toEqual({
      ok: false,
      field: 'payload.activities.1.payload.spanId',
      reason: 'Invalid',
    });

    // An unknown field is dropped, as zod drops it.
    const extra = { ...valid, note: 'x' };
    const parsed = parseLogRecord(TOPICS.activities, extra);
    expect(parsed.ok && Object.keys(parsed.event)).toEqual(Object.keys(valid));
  });

  it('publishes the same JSON as zod would', () => {
    const event = record() as Parameters<typeof encodeLogRecord>[0];
    const encoded = encodeLogRecord(event);
    expect(encoded.ok).toBe(true);
    if (encoded.ok)
      expect(JSON.stringify(encoded.record.value)).toBe(
        JSON.stringify(activitiesRecordedV1.parse(event)),
      );
  });
});
