import type { EventRegistry, TypedRecord } from './event-registry';
import { describeSchema, type SchemaShape } from './schema-shape';
import { shapeProblems } from './shape-compatibility';

/** One committed example record of one (type, version), as it sits on its topic. */
export interface ContractFixture {
  /** Where it was read from, for messages. */
  file: string;
  topic: string;
  type: string;
  version: number;
  value: unknown;
}

export interface RegistryProblem {
  /**
   * `changed-shape` and `missing-shape` are the only kinds `npm run contracts:update` resolves:
   * a version that gained optional fields, or a new version.
   */
  kind:
    | 'missing-shape'
    | 'changed-shape'
    | 'incompatible-shape'
    | 'removed-version'
    | 'next-version'
    | 'fixture'
    | 'missing-fixture';
  /** `<type>.v<version>` */
  key: string;
  message: string;
}

export function versionKey(type: string, version: number): string {
  return `${type}.v${version}`;
}

/** The shape of every registered version, by `versionKey`. */
export function registeredShapes<T extends TypedRecord>(
  registry: EventRegistry<T>,
): Map<string, SchemaShape> {
  const shapes = new Map<string, SchemaShape>();
  for (const { type, versions } of registry.entries()) {
    for (const v of versions) shapes.set(versionKey(type, v.version), describeSchema(v.schema));
  }
  return shapes;
}

/** JSON with object keys sorted, so that two equal shapes print the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The shape without its top-level `version` literal, which differs between versions by design. */
function withoutVersion(shape: SchemaShape): SchemaShape {
  if (shape.type !== 'object') return shape;
  const fields = Object.fromEntries(Object.entries(shape.fields).filter(([n]) => n !== 'version'));
  return { ...shape, fields };
}

function shapeChecks(
  current: ReadonlyMap<string, SchemaShape>,
  committed: ReadonlyMap<string, SchemaShape>,
): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  for (const [key, shape] of current) {
    const before = committed.get(key);
    if (!before) {
      problems.push({
        kind: 'missing-shape',
        key,
        message: `${key} has no committed shape: record it (npm run contracts:update) and commit it`,
      });
      continue;
    }
    if (canonical(before) === canonical(shape)) continue;
    const incompatible = shapeProblems(before, shape);
    if (incompatible.length === 0) {
      problems.push({
        kind: 'changed-shape',
        key,
        message: `${key} gained optional fields: record its new shape (npm run contracts:update)`,
      });
    }
    for (const problem of incompatible) {
      problems.push({
        kind: 'incompatible-shape',
        key,
        message: `${key} is no longer what it was: ${problem}`,
      });
    }
  }
  for (const key of committed.keys()) {
    if (current.has(key)) continue;
    problems.push({
      kind: 'removed-version',
      key,
      message: `${key} has a committed shape but is no longer registered: records of it stay on the log, so a registered version is never removed`,
    });
  }
  return problems;
}

function nextVersionChecks<T extends TypedRecord>(registry: EventRegistry<T>): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  for (const { type, versions } of registry.entries()) {
    for (let i = 1; i < versions.length; i++) {
      if (versions[i].upcast) continue;
      const incompatible = shapeProblems(
        withoutVersion(describeSchema(versions[i - 1].schema)),
        withoutVersion(describeSchema(versions[i].schema)),
      );
      if (incompatible.length === 0) continue;
      problems.push({
        kind: 'next-version',
        key: versionKey(type, versions[i].version),
        message: `${type} v${versions[i].version} has no upcaster, yet consumers of v${versions[i - 1].version} cannot read it: ${incompatible.join('; ')}`,
      });
    }
  }
  return problems;
}

function writtenAs(value: unknown): { type: unknown; version: unknown } | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  return { type: value.type, version: 'version' in value ? value.version : undefined };
}

function fixtureChecks<T extends TypedRecord>(
  registry: EventRegistry<T>,
  fixtures: readonly ContractFixture[],
  registered: ReadonlySet<string>,
): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const covered = new Set<string>();
  for (const fixture of fixtures) {
    const key = versionKey(fixture.type, fixture.version);
    const problem = (message: string) =>
      problems.push({ kind: 'fixture', key, message: `${fixture.file}: ${message}` });
    if (!registered.has(key)) {
      problem(`${key} is not a registered version (was it removed?)`);
      continue;
    }
    covered.add(key);
    const written = writtenAs(fixture.value) ?? registry.untypedOn(fixture.topic);
    if (written?.type !== fixture.type || written.version !== fixture.version) {
      problem(
        `the record is ${JSON.stringify(written?.type)} v${JSON.stringify(written?.version)}, not ${key}`,
      );
      continue;
    }
    // Read as a consumer of today reads it: through every upcast to the current version.
    const parsed = registry.parse(fixture.topic, fixture.value);
    if (!parsed.ok) {
      problem(`no longer parses: ${parsed.field}: ${parsed.reason}`);
      continue;
    }
    if (parsed.event.type !== fixture.type) {
      problem(`parses as ${parsed.event.type}`);
    }
  }
  for (const key of registered) {
    if (covered.has(key)) continue;
    problems.push({
      kind: 'missing-fixture',
      key,
      message: `${key} has no fixture: commit one realistic record of it`,
    });
  }
  return problems;
}

/**
 * The compatibility rules of the event contracts (docs/architecture.md, "Event contracts"),
 * checked against the committed fixtures and shapes:
 * - every registered version keeps its committed shape, or only adds optional fields to it;
 * - no registered version is removed;
 * - a new version is readable by consumers of the previous one, or comes with an upcaster;
 * - every registered version has a fixture, and every fixture still parses (through the
 *   upcasters, so each upcaster runs on a real record of the version it reads).
 */
export function checkRegistry<T extends TypedRecord>(
  registry: EventRegistry<T>,
  fixtures: readonly ContractFixture[],
  committedShapes: ReadonlyMap<string, SchemaShape>,
): RegistryProblem[] {
  const current = registeredShapes(registry);
  return [
    ...shapeChecks(current, committedShapes),
    ...nextVersionChecks(registry),
    ...fixtureChecks(registry, fixtures, new Set(current.keys())),
  ];
}
