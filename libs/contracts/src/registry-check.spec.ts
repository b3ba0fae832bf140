import { z } from 'zod';
import { upcaster, type EventVersion } from './event-contract';
import { EventRegistry } from './event-registry';
import { checkRegistry, registeredShapes, type ContractFixture } from './registry-check';
import { describeSchema } from './schema-shape';

/**
 * The compatibility check itself, on a made-up event type: each deliberately incompatible edit
 * must be caught, and each allowed one let through.
 */
const TOPIC = 'test.clips.v1';

const clipV1 = z.object({
  type: z.literal('ClipExported'),
  version: z.literal(1),
  clipId: z.string().min(1),
  codec: z.enum(['prores', 'h264']),
  note: z.string().optional(),
});

interface Clip {
  type: 'ClipExported';
  version: number;
  clipId: string;
}

/** A registry of ClipExported alone: `current` is the union of its last version, as in log-events.ts. */
function registryOf(current: z.ZodType<Clip, z.ZodTypeDef, unknown>, ...versions: EventVersion[]) {
  return new EventRegistry(current, {
    ClipExported: { topic: TOPIC, versions, partitionKey: (e) => e.clipId },
  });
}

const V1 = registryOf(z.discriminatedUnion('type', [clipV1]), { version: 1, schema: clipV1 });
const COMMITTED = registeredShapes(V1);
const CLIP_V1 = { type: 'ClipExported', version: 1, clipId: 'sh010-v3', codec: 'prores' };
const FIXTURE: ContractFixture = {
  file: 'fixtures/test.clips.v1/ClipExported.v1.json',
  topic: TOPIC,
  type: 'ClipExported',
  version: 1,
  value: CLIP_V1,
};
const ADDITIVE_V2_FIXTURE: ContractFixture = {
  ...FIXTURE,
  file: 'fixtures/test.clips.v1/ClipExported.v2.json',
  version: 2,
  value: { ...CLIP_V1, version: 2, durationS: 12.5 },
};

function messages(registry: Parameters<typeof checkRegistry>[0], fixtures = [FIXTURE]) {
  return checkRegistry(registry, fixtures, COMMITTED).map((p) => p.message);
}

describe('checkRegistry', () => {
  it('passes the registry its shapes and fixture were taken from', () => {
    expect(messages(V1)).toEqual([]);
  });

  it('fails when an existing version makes an optional field required', () => {
    const edited = clipV1.extend({ note: z.string() });
    expect(
      messages(registryOf(z.discriminatedUnion('type', [edited]), { version: 1, schema: edited })),
    ).toEqual([
      'ClipExported.v1 is no longer what it was: note: became required (records written without it no longer parse)',
      'fixtures/test.clips.v1/ClipExported.v1.json: no longer parses: note: Required',
    ]);
  });

  it('fails when an existing version removes a field, though every fixture still parses', () => {
    const edited = clipV1.omit({ note: true });
    expect(
      messages(registryOf(z.discriminatedUnion('type', [edited]), { version: 1, schema: edited })),
    ).toEqual(['ClipExported.v1 is no longer what it was: note: removed']);
  });

  it('fails when an existing version narrows an enum, though every fixture still parses', () => {
    const edited = clipV1.extend({ codec: z.enum(['prores']) });
    expect(
      messages(registryOf(z.discriminatedUnion('type', [edited]), { version: 1, schema: edited })),
    ).toEqual([
      'ClipExported.v1 is no longer what it was: codec: enum narrowed, no longer accepts "h264"',
    ]);
  });

  it('asks for the shape to be recorded when an existing version only gains an optional field', () => {
    const edited = clipV1.extend({ durationS: z.number().finite().nonnegative().optional() });
    const problems = checkRegistry(
      registryOf(z.discriminatedUnion('type', [edited]), { version: 1, schema: edited }),
      [FIXTURE],
      COMMITTED,
    );
    expect(problems.map((p) => [p.kind, p.key])).toEqual([['changed-shape', 'ClipExported.v1']]);
  });

  const additiveV2 = clipV1.extend({
    version: z.literal(2),
    durationS: z.number().finite().nonnegative().optional(),
  });
  const breakingV2 = clipV1.omit({ note: true, codec: true }).extend({
    version: z.literal(2),
    codec: z.object({ name: z.string(), profile: z.string().optional() }),
  });

  it('lets a new version that only adds optional fields through without an upcaster', () => {
    const registry = registryOf(
      z.discriminatedUnion('type', [additiveV2]),
      { version: 1, schema: clipV1 },
      { version: 2, schema: additiveV2 },
    );
    const shapes = new Map([...COMMITTED, ['ClipExported.v2', describeSchema(additiveV2)]]);
    expect(checkRegistry(registry, [FIXTURE, ADDITIVE_V2_FIXTURE], shapes)).toEqual([]);
    // a version 1 record reaches consumers as version 2
    expect(registry.parse(TOPIC, FIXTURE.value)).toEqual({
      ok: true,
      event: { type: 'ClipExported', version: 2, clipId: 'sh010-v3', codec: 'prores' },
    });
  });

  it('fails a new version its previous consumers cannot read unless an upcaster comes with it', () => {
    const shapes = new Map([...COMMITTED, ['ClipExported.v2', describeSchema(breakingV2)]]);
    const v2Fixture = {
      ...FIXTURE,
      file: 'fixtures/test.clips.v1/ClipExported.v2.json',
      version: 2,
      value: { type: 'ClipExported', version: 2, clipId: 'sh020-v1', codec: { name: 'prores' } },
    };
    const without = registryOf(
      z.discriminatedUnion('type', [breakingV2]),
      { version: 1, schema: clipV1 },
      { version: 2, schema: breakingV2 },
    );
    expect(checkRegistry(without, [FIXTURE, v2Fixture], shapes).map((p) => p.message)).toEqual([
      'ClipExported v2 has no upcaster, yet consumers of v1 cannot read it: codec: was one of prores, h264, is now an object; note: removed',
      // and the version 1 record no longer reaches consumers: nothing turns its codec into v2's
      'fixtures/test.clips.v1/ClipExported.v1.json: no longer parses: codec: after upcasting from version 1 to 2: Expected object, received string',
    ]);

    const upcast = upcaster(clipV1, breakingV2, (v1) => ({
      type: v1.type,
      version: 2 as const,
      clipId: v1.clipId,
      codec: { name: v1.codec },
    }));
    const withUpcaster = registryOf(
      z.discriminatedUnion('type', [breakingV2]),
      { version: 1, schema: clipV1 },
      { version: 2, schema: breakingV2, upcast },
    );
    expect(checkRegistry(withUpcaster, [FIXTURE, v2Fixture], shapes)).toEqual([]);
    expect(withUpcaster.parse(TOPIC, FIXTURE.value)).toEqual({
      ok: true,
      event: { type: 'ClipExported', version: 2, clipId: 'sh010-v3', codec: { name: 'prores' } },
    });

    // An upcaster whose output breaks the new version is caught on the committed record.
    const faulty = registryOf(
      z.discriminatedUnion('type', [breakingV2]),
      { version: 1, schema: clipV1 },
      { version: 2, schema: breakingV2, upcast: (v1) => v1 },
    );
    expect(checkRegistry(faulty, [FIXTURE, v2Fixture], shapes).map((p) => p.message)).toEqual([
      'fixtures/test.clips.v1/ClipExported.v1.json: no longer parses: version: after upcasting from version 1 to 2: Invalid literal value, expected 2',
    ]);
  });

  it('fails when a registered version is removed, or has no fixture', () => {
    const v2 = registryOf(
      z.discriminatedUnion('type', [additiveV2]),
      { version: 1, schema: clipV1 },
      { version: 2, schema: additiveV2 },
    );
    const shapes = registeredShapes(v2);
    // v2 removed again: its shape and its fixture are left without a registered version
    expect(
      checkRegistry(V1, [FIXTURE, ADDITIVE_V2_FIXTURE], shapes).map((p) => [p.kind, p.key]),
    ).toEqual([
      ['removed-version', 'ClipExported.v2'],
      ['fixture', 'ClipExported.v2'],
    ]);
    expect(checkRegistry(v2, [FIXTURE], shapes).map((p) => [p.kind, p.key])).toEqual([
      ['missing-fixture', 'ClipExported.v2'],
    ]);
  });
});

describe('describeSchema', () => {
  it('refuses constructs the compatibility check cannot see', () => {
    expect(() => describeSchema(z.string().transform((s) => s.trim()))).toThrow(
      'ZodEffects is not described yet',
    );
    expect(() => describeSchema(z.number().default(1))).toThrow('ZodDefault is not described yet');
  });
});
