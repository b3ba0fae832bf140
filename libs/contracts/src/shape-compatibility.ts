import type { FieldShape, SchemaShape } from './schema-shape';

function describeShape(shape: SchemaShape): string {
  switch (shape.type) {
    case 'literal':
      return `the literal ${JSON.stringify(shape.value)}`;
    case 'enum':
      return `one of ${shape.values.join(', ')}`;
    default:
      return `${/^[aeiou]/.test(shape.type) ? 'an' : 'a'} ${shape.type}`;
  }
}

function checkProblems(at: string, previous: string[], next: string[]): string[] {
  const added = next.filter((c) => !previous.includes(c));
  const dropped = previous.filter((c) => !next.includes(c));
  return [
    ...added.map((c) => `${at}: new constraint ${c} (records written before may break it)`),
    ...dropped.map(
      (c) => `${at}: constraint ${c} dropped (readers of the previous shape refuse what it let in)`,
    ),
  ];
}

function fieldProblems(
  path: string,
  previous: Record<string, FieldShape>,
  next: Record<string, FieldShape>,
): string[] {
  const problems: string[] = [];
  for (const [name, before] of Object.entries(previous)) {
    const at = path ? `${path}.${name}` : name;
    const after = Object.prototype.hasOwnProperty.call(next, name) ? next[name] : undefined;
    if (!after) {
      problems.push(`${at}: removed`);
      continue;
    }
    if (before.optional && !after.optional) {
      problems.push(`${at}: became required (records written without it no longer parse)`);
    }
    if (!before.optional && after.optional) {
      problems.push(`${at}: became optional (readers of the previous shape require it)`);
    }
    problems.push(...shapeProblems(before.schema, after.schema, at));
  }
  for (const [name, after] of Object.entries(next)) {
    if (Object.prototype.hasOwnProperty.call(previous, name) || after.optional) continue;
    problems.push(
      `${path ? `${path}.${name}` : name}: new required field (records written before lack it)`,
    );
  }
  return problems;
}

/**
 * Why records of one shape and readers of the other would not get along, path by path; empty
 * when `next` only adds optional fields to `previous` (docs/architecture.md, "Event
 * contracts"). Both directions count: a reader of `next` must read every record written to
 * `previous` (nothing removed, nothing newly required, no constraint added, no enum value
 * dropped), and a reader of `previous` must read what a writer of `next` sends (nothing made
 * optional, no constraint dropped, no enum value added).
 */
export function shapeProblems(previous: SchemaShape, next: SchemaShape, path = ''): string[] {
  const at = path || '(record)';
  if (previous.type !== next.type) {
    return [`${at}: was ${describeShape(previous)}, is now ${describeShape(next)}`];
  }
  if (previous.type === 'string' && next.type === 'string') {
    return checkProblems(at, previous.checks, next.checks);
  }
  if (previous.type === 'number' && next.type === 'number') {
    return checkProblems(at, previous.checks, next.checks);
  }
  if (previous.type === 'literal' && next.type === 'literal') {
    return previous.value === next.value
      ? []
      : [`${at}: was ${describeShape(previous)}, is now ${describeShape(next)}`];
  }
  if (previous.type === 'enum' && next.type === 'enum') {
    const dropped = previous.values.filter((v) => !next.values.includes(v));
    const added = next.values.filter((v) => !previous.values.includes(v));
    return [
      ...(dropped.length > 0
        ? [`${at}: enum narrowed, no longer accepts ${dropped.map((v) => `"${v}"`).join(', ')}`]
        : []),
      ...(added.length > 0
        ? [
            `${at}: enum widened, readers of the previous shape refuse ${added.map((v) => `"${v}"`).join(', ')}`,
          ]
        : []),
    ];
  }
  if (previous.type === 'array' && next.type === 'array') {
    return [
      ...checkProblems(at, previous.checks, next.checks),
      ...shapeProblems(previous.element, next.element, `${path}[]`),
    ];
  }
  if (previous.type === 'nullable' && next.type === 'nullable') {
    return shapeProblems(previous.inner, next.inner, path);
  }
  if (previous.type === 'union' && next.type === 'union') {
    if (previous.options.length !== next.options.length) {
      return [`${at}: union of ${previous.options.length} options, now ${next.options.length}`];
    }
    return previous.options.flatMap((option, i) =>
      shapeProblems(option, next.options[i], `${path}|${i}`),
    );
  }
  if (previous.type === 'object' && next.type === 'object') {
    return [
      ...(previous.unknownKeys === next.unknownKeys
        ? []
        : [`${at}: unknown keys were '${previous.unknownKeys}', now '${next.unknownKeys}'`]),
      ...fieldProblems(path, previous.fields, next.fields),
    ];
  }
  return [];
}
