import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkRegistry,
  EVENT_REGISTRY,
  registeredShapes,
  versionKey,
  type ContractFixture,
  type SchemaShape,
} from '@greenops/contracts';

// The committed records and shapes are data of libs/contracts; reading them is a check of the
// repository, so it lives here rather than in the pure library (which touches no file system).
const ROOT = join(__dirname, '..', '..', '..', 'libs', 'contracts');
const FIXTURES = join(ROOT, 'fixtures');
const SHAPES = join(ROOT, 'shapes');
const FIXTURE_NAME = /^([A-Za-z]+)\.v(\d+)(\.[a-z0-9-]+)?\.json$/;

/** fixtures/<topic>/<Type>.v<N>[.<variant>].json: one record as it sits on its topic. */
function committedFixtures(): ContractFixture[] {
  return readdirSync(FIXTURES).flatMap((topic) =>
    readdirSync(join(FIXTURES, topic)).map((name) => {
      const match = FIXTURE_NAME.exec(name);
      if (!match)
        throw new Error(`fixtures/${topic}/${name}: name it <Type>.v<N>[.<variant>].json`);
      const file = `fixtures/${topic}/${name}`;
      const value: unknown = JSON.parse(readFileSync(join(FIXTURES, topic, name), 'utf8'));
      return { file, topic, type: match[1], version: Number(match[2]), value };
    }),
  );
}

function shapeFile(key: string): string {
  return join(SHAPES, `${key}.json`);
}

function committedShapes(): Map<string, SchemaShape> {
  return new Map(
    readdirSync(SHAPES)
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const shape: SchemaShape = JSON.parse(readFileSync(join(SHAPES, name), 'utf8'));
        return [name.replace(/\.json$/, ''), shape];
      }),
  );
}

/**
 * The event contracts are public (docs/architecture.md, "Event contracts"): records of every
 * version stay on the log. After an intended change (a new version, or optional fields added
 * to one): `npm run contracts:update`, review the shape it writes, commit. It never writes a
 * shape that breaks the rules below.
 */
describe('event contracts', () => {
  it('keep every committed record readable and every version compatible with what it was', () => {
    let problems = checkRegistry(EVENT_REGISTRY, committedFixtures(), committedShapes());
    if (process.env.UPDATE_CONTRACT_SHAPES === '1') {
      const shapes = registeredShapes(EVENT_REGISTRY);
      for (const p of problems) {
        if (p.kind !== 'missing-shape' && p.kind !== 'changed-shape') continue;
        writeFileSync(shapeFile(p.key), `${JSON.stringify(shapes.get(p.key), null, 2)}\n`);
      }
      problems = checkRegistry(EVENT_REGISTRY, committedFixtures(), committedShapes());
    }
    expect(problems.map((p) => p.message)).toEqual([]);
  });

  it('register the event types of the log and their versions', () => {
    expect([...registeredShapes(EVENT_REGISTRY).keys()].sort()).toEqual([
      versionKey('ActivitiesRecorded', 1),
      versionKey('ActivityRecorded', 1),
      versionKey('ArtifactStatusChanged', 1),
      versionKey('FactorSetPublished', 1),
      versionKey('LegalHoldReleased', 1),
      versionKey('LegalHoldSet', 1),
      versionKey('MeteredPeriodRecorded', 1),
      versionKey('ProjectDeclared', 1),
      versionKey('ProjectionRebuildFence', 1),
      versionKey('RejectedSpan', 1),
      versionKey('RetentionDeletionConfirmed', 1),
      versionKey('RetentionDeletionFailed', 1),
      versionKey('RetentionDeletionRequested', 1),
      versionKey('RetentionDeletionsDecided', 1),
      versionKey('RetentionDeletionsDecided', 2),
      versionKey('RetentionMoveConfirmed', 1),
      versionKey('RetentionMoveFailed', 1),
      versionKey('RetentionMoveRequested', 1),
      versionKey('RetentionPolicyDefined', 1),
      versionKey('RetentionPolicyRetired', 1),
    ]);
  });
});
