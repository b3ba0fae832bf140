import { z } from 'zod';

/**
 * `true` only when `schema.safeParse(value)` would succeed and return a value deep-equal to
 * `value`, with the same keys in the same order (so `value` itself may stand for the parsed
 * data, and serialises to the same JSON); `false` when unsure. Never
 * throws.
 */
export type SchemaAcceptor = (value: unknown) => boolean;

const NEVER: SchemaAcceptor = () => false;

/**
 * zod's `z.string().uuid()` pattern (zod v3, `types.cjs`), which zod does not export. The
 * contracts spec checks that this acceptor and zod agree on valid and invalid ids.
 */
const UUID =
  /^[0-9a-fA-F]{8}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{12}$/i;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  // An object literal or JSON.parse output, of this or another realm (a vm context): its
  // prototype is some realm's Object.prototype, or null. Arrays, dates, maps, class instances
  // are left to zod.
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Every test passes; specialised for the one or two checks most fields have. */
function allOf<T>(tests: Array<(value: T) => boolean>): (value: T) => boolean {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return (value) => a(value) && b(value);
  }
  return (value) => {
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

function stringAcceptor(schema: z.ZodString): SchemaAcceptor {
  if (schema._def.coerce) return NEVER;
  const tests: Array<(s: string) => boolean> = [];
  for (const check of schema._def.checks) {
    switch (check.kind) {
      case 'min':
        tests.push((s) => s.length >= check.value);
        break;
      case 'max':
        tests.push((s) => s.length <= check.value);
        break;
      case 'regex':
        tests.push((s) => {
          check.regex.lastIndex = 0;
          return check.regex.test(s);
        });
        break;
      case 'uuid':
        tests.push((s) => UUID.test(s));
        break;
      default:
        return NEVER;
    }
  }
  const passes = allOf(tests);
  return (value) => typeof value === 'string' && passes(value);
}

function numberAcceptor(schema: z.ZodNumber): SchemaAcceptor {
  if (schema._def.coerce) return NEVER;
  const tests: Array<(n: number) => boolean> = [];
  for (const check of schema._def.checks) {
    switch (check.kind) {
      case 'int':
        tests.push((n) => Number.isInteger(n));
        break;
      case 'finite':
        tests.push((n) => Number.isFinite(n));
        break;
      case 'min':
        tests.push(check.inclusive ? (n) => n >= check.value : (n) => n > check.value);
        break;
      case 'max':
        tests.push(check.inclusive ? (n) => n <= check.value : (n) => n < check.value);
        break;
      default:
        return NEVER;
    }
  }
  // zod reads NaN as its own type ("nan"), not a number.
  const passes = allOf(tests);
  return (value) => typeof value === 'number' && !Number.isNaN(value) && passes(value);
}

function objectAcceptor(schema: z.AnyZodObject): SchemaAcceptor {
  // Only the default: unknown keys stripped (a value with any is left to zod, whose output lacks them).
  if (schema._def.unknownKeys !== 'strip' || !(schema._def.catchall instanceof z.ZodNever))
    return NEVER;
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  const keys = Object.keys(shape);
  const fields = keys.map((key) => ({ key, accepts: schemaAcceptor(shape[key]) }));
  return (value) => {
    if (!isPlainObject(value)) return false;
    // zod's output has the shape's keys in the shape's order: so must the value, for the two to
    // serialise to the same JSON. One pass along the shape: a key not found further on is
    // unknown or out of order.
    let at = 0;
    for (const key in value) {
      while (at < keys.length && keys[at] !== key) at++;
      if (at === keys.length) return false;
      at++;
    }
    for (const { key, accepts } of fields) if (!accepts(value[key])) return false;
    return true;
  };
}

function arrayAcceptor(schema: z.ZodArray<z.ZodTypeAny>): SchemaAcceptor {
  const { exactLength, minLength, maxLength } = schema._def;
  const element = schemaAcceptor(schema.element);
  return (value) => {
    if (!Array.isArray(value)) return false;
    if (exactLength !== null && value.length !== exactLength.value) return false;
    if (minLength !== null && value.length < minLength.value) return false;
    if (maxLength !== null && value.length > maxLength.value) return false;
    for (let i = 0; i < value.length; i++) {
      // A hole reads as undefined to zod but is not one in the output: left to zod.
      if (!(i in value) || !element(value[i])) return false;
    }
    return true;
  };
}

function discriminatedUnionAcceptor(
  schema: z.ZodDiscriminatedUnion<string, z.ZodDiscriminatedUnionOption<string>[]>,
): SchemaAcceptor {
  const byValue = new Map<unknown, SchemaAcceptor>();
  for (const [value, option] of schema.optionsMap) byValue.set(value, schemaAcceptor(option));
  const discriminator = schema.discriminator;
  return (value) => {
    if (!isPlainObject(value)) return false;
    const option = byValue.get(value[discriminator]);
    return option !== undefined && option(value);
  };
}

/**
 * A fast, conservative stand-in for a successful `safeParse`: for the zod types and checks the
 * event contracts use (objects with unknown keys stripped, strings with length, pattern and
 * uuid checks, finite/int/min/max numbers, enums, literals, optionals, arrays, discriminated
 * unions), compiled once from the schema itself, so it follows the contract when the contract
 * changes. Anything else (refinements, transforms, defaults, coercion, other checks) makes it
 * answer `false`, and the caller runs zod. zod builds a copy of every value it parses and
 * collects issues as it goes; for a valid record this is most of the CPU of reading it
 * (docs/architecture.md, "Event contracts").
 */
export function schemaAcceptor(schema: z.ZodTypeAny): SchemaAcceptor {
  if (schema instanceof z.ZodString) return stringAcceptor(schema);
  if (schema instanceof z.ZodNumber) return numberAcceptor(schema);
  if (schema instanceof z.ZodBoolean) return (value) => typeof value === 'boolean';
  if (schema instanceof z.ZodLiteral) {
    const literal: unknown = schema.value;
    return (value) => value === literal;
  }
  if (schema instanceof z.ZodEnum) {
    const options = new Set<unknown>(schema.options as string[]);
    return (value) => typeof value === 'string' && options.has(value);
  }
  if (schema instanceof z.ZodOptional) {
    const inner = schemaAcceptor(schema.unwrap());
    return (value) => value === undefined || inner(value);
  }
  if (schema instanceof z.ZodNullable) {
    const inner = schemaAcceptor(schema.unwrap());
    return (value) => value === null || inner(value);
  }
  if (schema instanceof z.ZodObject) return objectAcceptor(schema);
  if (schema instanceof z.ZodArray) return arrayAcceptor(schema);
  if (schema instanceof z.ZodDiscriminatedUnion) return discriminatedUnionAcceptor(schema);
  return NEVER;
}
