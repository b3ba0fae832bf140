import * as protobuf from 'protobufjs';
import type { AttributeScalar, AttributeValue, Attributes, OtlpSpan } from '@greenops/semconv';
import { OtlpDecodeError } from './ingest-errors';
import { otlpProtobufTypes } from './otlp-protobuf-types';

/** Spans of one OTLP ResourceSpans (scopes flattened), with that resource's attributes. */
export interface DecodedResourceSpans {
  resourceAttributes: Attributes;
  spans: OtlpSpan[];
}

type Obj = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new OtlpDecodeError(`${path}: ${message}`);
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A field as protobufjs `toObject` (defaults: false) would give it: own properties only, so a
 * decoded message's prototype defaults (unset fields, the other members of a oneof) read as
 * absent. Parsed JSON has only own properties.
 */
function own(o: Obj, key: string): unknown {
  return hasOwn.call(o, key) ? o[key] : undefined;
}

/** proto3 JSON accepts lowerCamelCase and the original snake_case field names. */
function field(o: Obj, camel: string, snake?: string): unknown {
  const v = own(o, camel);
  return v === undefined && snake !== undefined ? own(o, snake) : v;
}

/**
 * A 64-bit integer field of a decoded protobuf message (protobufjs gives a Long instance: never
 * what JSON.parse makes) as the bigint its decimal `toString` names.
 */
function longValue(v: unknown): bigint | undefined {
  if (!(v instanceof protobuf.util.Long)) return undefined;
  const bits = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  return v.unsigned ? bits : BigInt.asIntN(64, bits);
}

function asObject(v: unknown, path: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array)
    fail(path, 'must be an object');
  return v as Obj;
}

function asArray(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, 'must be an array');
  return v;
}

function asString(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(path, 'must be a string');
  return v;
}

/** Ids are bytes in protobuf (→ hex here) and hex strings in OTLP/JSON; validated per span later. */
function asId(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Uint8Array)
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  if (typeof v === 'string') return v;
  return fail(path, 'must be a hex string');
}

const UINT64_MAX = 2n ** 64n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A received value for an error message, shortened: the body may hold anything. */
function shown(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * An integer given as a decimal string or a JSON number, within [min, max]; undefined otherwise.
 * A JSON number is a double: past 2^53 it is already rounded, and 2^63 − 1 arrives as 2^63, so
 * numbers are allowed up to the magnitude 2^63.
 */
function integerIn(v: unknown, min: bigint, max: bigint): bigint | undefined {
  const long = longValue(v);
  if (long !== undefined) return long >= min && long <= max ? long : undefined;
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) {
    const n = BigInt(v);
    return n >= min && n <= max ? n : undefined;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= Number(min) && v <= Number(max))
    return BigInt(v);
  return undefined;
}

/** fixed64 / uint64: decimal string (JSON, protobuf with longs: String) or a JS number. */
function asUnixNano(v: unknown, path: string): bigint {
  if (v === undefined || v === null) return 0n;
  // JSON numbers lose precision past 2^53 (≈ 256 ns at today's epoch): tolerable for a duration.
  const n = integerIn(v, 0n, UINT64_MAX);
  if (n !== undefined) return n;
  return fail(
    path,
    `must be an unsigned 64-bit integer (decimal string or number), got ${shown(v)}`,
  );
}

function setAttribute(target: Attributes, key: string, value: AttributeValue): void {
  // defineProperty: a "__proto__" key stays a plain data property. Only that key needs it (the
  // one accessor of Object.prototype); assignment makes the same property of any other, and
  // keeps the object in V8's fast mode, which defineProperty on every key does not.
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = value;
}

function scalarFromAnyValue(o: Obj, path: string): AttributeScalar | undefined {
  const s = field(o, 'stringValue', 'string_value');
  if (s !== undefined && s !== null) {
    if (typeof s !== 'string') fail(`${path}.stringValue`, 'must be a string');
    return s;
  }
  const b = field(o, 'boolValue', 'bool_value');
  if (b !== undefined && b !== null) {
    if (typeof b !== 'boolean') fail(`${path}.boolValue`, 'must be a boolean');
    return b;
  }
  const i = field(o, 'intValue', 'int_value');
  if (i !== undefined && i !== null) {
    const n = integerIn(i, INT64_MIN, INT64_MAX);
    if (n !== undefined) return Number(n);
    fail(
      `${path}.intValue`,
      `must be a 64-bit integer (decimal string or number), got ${shown(i)}`,
    );
  }
  const d = field(o, 'doubleValue', 'double_value');
  if (d !== undefined && d !== null) {
    if (typeof d === 'number') return d;
    // proto3 JSON spells non-finite doubles as strings; numbers may be quoted too.
    if (typeof d === 'string' && d.trim() !== '' && !Number.isNaN(Number(d))) return Number(d);
    if (d === 'NaN') return Number.NaN;
    fail(`${path}.doubleValue`, 'must be a number');
  }
  return undefined;
}

/** OTLP AnyValue → attribute value; kvlist, bytes, nested arrays and empty values are dropped. */
function attributeValue(v: unknown, path: string): AttributeValue | undefined {
  const o = asObject(v, path);
  if (o === undefined) return undefined;
  const scalar = scalarFromAnyValue(o, path);
  if (scalar !== undefined) return scalar;
  const arr = asObject(field(o, 'arrayValue', 'array_value'), `${path}.arrayValue`);
  if (arr === undefined) return undefined;
  const out: AttributeScalar[] = [];
  asArray(own(arr, 'values'), `${path}.arrayValue.values`).forEach((item, i) => {
    const itemPath = `${path}.arrayValue.values[${i}]`;
    const itemObj = asObject(item, itemPath);
    const s = itemObj === undefined ? undefined : scalarFromAnyValue(itemObj, itemPath);
    if (s !== undefined) out.push(s);
  });
  return out;
}

function attributes(v: unknown, path: string): Attributes {
  const out: Attributes = {};
  asArray(v, path).forEach((kv, i) => {
    const kvPath = `${path}[${i}]`;
    const o = asObject(kv, kvPath);
    if (o === undefined) return;
    const key = asString(own(o, 'key'), `${kvPath}.key`);
    const value = attributeValue(own(o, 'value'), `${kvPath}.value`);
    if (key !== '' && value !== undefined) setAttribute(out, key, value);
  });
  return out;
}

function span(v: unknown, path: string): OtlpSpan | undefined {
  const o = asObject(v, path);
  if (o === undefined) return undefined;
  return {
    traceId: asId(field(o, 'traceId', 'trace_id'), `${path}.traceId`),
    spanId: asId(field(o, 'spanId', 'span_id'), `${path}.spanId`),
    name: asString(own(o, 'name'), `${path}.name`),
    startTimeUnixNano: asUnixNano(
      field(o, 'startTimeUnixNano', 'start_time_unix_nano'),
      `${path}.startTimeUnixNano`,
    ),
    endTimeUnixNano: asUnixNano(
      field(o, 'endTimeUnixNano', 'end_time_unix_nano'),
      `${path}.endTimeUnixNano`,
    ),
    attributes: attributes(own(o, 'attributes'), `${path}.attributes`),
  };
}

/**
 * Walks an ExportTraceServiceRequest given as an object: parsed OTLP/JSON, a decoded protobufjs
 * message (own fields, Long integers, Buffer bytes), or one converted with longs as strings and
 * bytes as Buffers (protobufjs toObject, @grpc/proto-loader). Structural errors throw
 * OtlpDecodeError naming the path.
 */
export function resourceSpansFromObject(request: unknown): DecodedResourceSpans[] {
  const root = asObject(request, 'request');
  if (root === undefined) fail('request', 'must be an ExportTraceServiceRequest object');
  return asArray(field(root, 'resourceSpans', 'resource_spans'), 'resourceSpans').flatMap(
    (rs, i) => {
      const rsPath = `resourceSpans[${i}]`;
      const rsObj = asObject(rs, rsPath);
      if (rsObj === undefined) return [];
      const resource = asObject(own(rsObj, 'resource'), `${rsPath}.resource`);
      const resourceAttributes = resource
        ? attributes(own(resource, 'attributes'), `${rsPath}.resource.attributes`)
        : {};
      const spans = asArray(
        field(rsObj, 'scopeSpans', 'scope_spans'),
        `${rsPath}.scopeSpans`,
      ).flatMap((ss, j) => {
        const ssPath = `${rsPath}.scopeSpans[${j}]`;
        const ssObj = asObject(ss, ssPath);
        if (ssObj === undefined) return [];
        return asArray(own(ssObj, 'spans'), `${ssPath}.spans`).flatMap(
          (s, k) => span(s, `${ssPath}.spans[${k}]`) ?? [],
        );
      });
      return [{ resourceAttributes, spans }];
    },
  );
}

/**
 * Decodes a binary protobuf ExportTraceServiceRequest. The decoded message is walked as it is
 * (own fields only, 64-bit integers from their Long): the same spans as walking its
 * `toObject(…, { longs: String, defaults: false })` copy, without building that copy of every
 * span, event and link.
 */
export function decodeProtobufTraceRequest(body: Uint8Array): DecodedResourceSpans[] {
  const { exportRequest } = otlpProtobufTypes();
  let message: unknown;
  try {
    message = exportRequest.decode(body);
  } catch (error) {
    throw new OtlpDecodeError(
      `malformed protobuf ExportTraceServiceRequest: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return resourceSpansFromObject(message);
}

/** Decodes an OTLP/JSON ExportTraceServiceRequest (UTF-8). */
export function decodeJsonTraceRequest(body: Uint8Array | string): DecodedResourceSpans[] {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(
      `malformed JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return resourceSpansFromObject(parsed);
}
