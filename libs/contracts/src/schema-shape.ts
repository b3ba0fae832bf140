import { z } from 'zod';

/**
 * What a schema accepts, as plain JSON: committed per event version (libs/contracts/shapes) so
 * that a later edit of that version can be compared with what it was (`shapeProblems`).
 * Constraints are written as short strings (`min:1`, `uuid`, `regex:/^[0-9a-f]{32}$/`).
 */
export type SchemaShape =
  | { type: 'string'; checks: string[] }
  | { type: 'number'; checks: string[] }
  | { type: 'boolean' }
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'enum'; values: string[] }
  | { type: 'array'; checks: string[]; element: SchemaShape }
  | { type: 'nullable'; inner: SchemaShape }
  | { type: 'union'; options: SchemaShape[] }
  | { type: 'object'; unknownKeys: string; fields: Record<string, FieldShape> };

export interface FieldShape {
  optional: boolean;
  schema: SchemaShape;
}

function stringChecks(schema: z.ZodString): string[] {
  return schema._def.checks.map((check) => {
    switch (check.kind) {
      case 'min':
      case 'max':
      case 'length':
        return `${check.kind}:${check.value}`;
      case 'regex':
        return `regex:${check.regex.toString()}`;
      case 'datetime':
        return `datetime:offset=${check.offset},local=${check.local},precision=${check.precision}`;
      case 'startsWith':
      case 'endsWith':
      case 'includes':
        return `${check.kind}:${JSON.stringify(check.value)}`;
      default:
        // Formats without parameters (uuid, email, url, …); anything with parameters is listed
        // above so that a change of parameter is a change of shape.
        if (Object.keys(check).length > 2) {
          throw new Error(`describeSchema: string check '${check.kind}' is not described yet`);
        }
        return check.kind;
    }
  });
}

function numberChecks(schema: z.ZodNumber): string[] {
  return schema._def.checks.map((check) => {
    switch (check.kind) {
      case 'min':
        return `${check.inclusive ? '>=' : '>'}${check.value}`;
      case 'max':
        return `${check.inclusive ? '<=' : '<'}${check.value}`;
      case 'multipleOf':
        return `multipleOf:${check.value}`;
      case 'int':
      case 'finite':
        return check.kind;
    }
  });
}

function arrayChecks(schema: z.ZodArray<z.ZodTypeAny>): string[] {
  const { minLength, maxLength, exactLength } = schema._def;
  return [
    ...(minLength ? [`min:${minLength.value}`] : []),
    ...(maxLength ? [`max:${maxLength.value}`] : []),
    ...(exactLength ? [`length:${exactLength.value}`] : []),
  ];
}

/**
 * Describes the zod constructs the event schemas use. Anything else (refinements, transforms,
 * defaults …) throws: a construct the compatibility check cannot see must not pass unseen.
 */
export function describeSchema(schema: z.ZodTypeAny): SchemaShape {
  // Checks are sorted: the order they were declared in does not change what is accepted.
  if (schema instanceof z.ZodString) return { type: 'string', checks: stringChecks(schema).sort() };
  if (schema instanceof z.ZodNumber) return { type: 'number', checks: numberChecks(schema).sort() };
  if (schema instanceof z.ZodBoolean) return { type: 'boolean' };
  if (schema instanceof z.ZodLiteral) {
    const value: unknown = schema.value;
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      return { type: 'literal', value };
    }
    throw new Error(`describeSchema: literal ${String(value)} is not described yet`);
  }
  if (schema instanceof z.ZodEnum) return { type: 'enum', values: [...schema.options] };
  if (schema instanceof z.ZodArray) {
    return { type: 'array', checks: arrayChecks(schema), element: describeSchema(schema.element) };
  }
  if (schema instanceof z.ZodNullable)
    return { type: 'nullable', inner: describeSchema(schema.unwrap()) };
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    const options: z.ZodTypeAny[] = [...schema.options];
    return { type: 'union', options: options.map(describeSchema) };
  }
  if (schema instanceof z.ZodObject) {
    if (!(schema._def.catchall instanceof z.ZodNever)) {
      throw new Error('describeSchema: objects with a catchall are not described yet');
    }
    const fields: Record<string, FieldShape> = {};
    const shape: Record<string, z.ZodTypeAny> = schema.shape;
    for (const [name, field] of Object.entries(shape)) {
      fields[name] =
        field instanceof z.ZodOptional
          ? { optional: true, schema: describeSchema(field.unwrap()) }
          : { optional: false, schema: describeSchema(field) };
    }
    return { type: 'object', unknownKeys: schema._def.unknownKeys, fields };
  }
  const typeName: unknown = schema._def.typeName;
  throw new Error(`describeSchema: ${String(typeName)} is not described yet`);
}
