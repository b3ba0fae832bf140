import {
  ACTIVITY_KINDS,
  isActivityKind,
  type Activity,
  type ActivityKind,
  type ArtifactRef,
} from '@greenops/domain';
import { AttributeError, describeValue } from './attribute-error';
import { AttributeReader } from './attribute-reader';
import { ATTR } from './attributes';
import { measurementsFromAttributes } from './measurements-from-attributes';
import type { Attributes, OtlpSpan } from './otlp-span';

export type SpanMappingResult =
  { ok: true; activity: Activity } | { ok: false; field: string; reason: string };

export const PROJECT_ID_MAX_LENGTH = 200;
const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const SPAN_NAME_MAX_LENGTH = 256;
/** Largest instant a JS Date can hold (8.64e15 ms), in ns. */
const MAX_TIME_UNIX_NANO = 8_640_000_000_000_000_000_000n;

function hexId(field: 'traceId' | 'spanId', value: string, hexChars: number): string {
  const id = value.toLowerCase();
  if (id.length !== hexChars || !/^[0-9a-f]+$/.test(id) || /^0+$/.test(id)) {
    throw new AttributeError(
      field,
      `must be ${hexChars} hex characters, not all zero, got ${describeValue(value)}`,
    );
  }
  return id;
}

function checkTime(field: 'startTimeUnixNano' | 'endTimeUnixNano', ns: bigint): void {
  if (ns <= 0n) throw new AttributeError(field, `must be a positive Unix time in ns, got ${ns}`);
  if (ns > MAX_TIME_UNIX_NANO)
    throw new AttributeError(field, `is beyond the representable date range, got ${ns}`);
}

function isoFromUnixNano(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString();
}

function projectId(r: AttributeReader): string {
  if (!r.has(ATTR.projectId))
    throw new AttributeError(ATTR.projectId, 'required attribute is missing');
  const value = r.string(ATTR.projectId, PROJECT_ID_MAX_LENGTH);
  if (value === undefined || !PROJECT_ID.test(value)) {
    throw new AttributeError(
      ATTR.projectId,
      `must be letters, digits, ".", "_", "-" or ":" starting with a letter or digit, got ${describeValue(value)}`,
    );
  }
  return value;
}

function activityKind(r: AttributeReader): ActivityKind {
  if (!r.has(ATTR.activityKind))
    throw new AttributeError(ATTR.activityKind, 'required attribute is missing');
  const value = r.lowerString(ATTR.activityKind);
  if (!isActivityKind(value)) {
    throw new AttributeError(
      ATTR.activityKind,
      `must be one of ${ACTIVITY_KINDS.join(', ')}; got ${describeValue(value)}`,
    );
  }
  return value;
}

function artifact(r: AttributeReader): ArtifactRef | undefined {
  const dependents = [ATTR.artifactParentId, ATTR.artifactKind, ATTR.artifactStatus].filter((n) =>
    r.has(n),
  );
  const id = r.string(ATTR.artifactId);
  if (id === undefined) {
    if (dependents.length > 0)
      throw new AttributeError(ATTR.artifactId, `required when ${dependents.join(', ')} is set`);
    return undefined;
  }
  const ref: ArtifactRef = { id };
  const parentId = r.string(ATTR.artifactParentId);
  const kind = r.lowerString(ATTR.artifactKind);
  const status = r.lowerString(ATTR.artifactStatus);
  if (parentId !== undefined) ref.parentId = parentId;
  if (kind !== undefined) ref.kind = kind;
  if (status !== undefined) ref.status = status;
  return ref;
}

function map(tenant: string, span: OtlpSpan, resourceAttributes: Attributes): Activity {
  const traceId = hexId('traceId', span.traceId, 32);
  const spanId = hexId('spanId', span.spanId, 16);
  checkTime('startTimeUnixNano', span.startTimeUnixNano);
  checkTime('endTimeUnixNano', span.endTimeUnixNano);
  if (span.endTimeUnixNano < span.startTimeUnixNano) {
    throw new AttributeError(
      'endTimeUnixNano',
      `must not be before startTimeUnixNano (${span.startTimeUnixNano}), got ${span.endTimeUnixNano}`,
    );
  }
  // Span attributes override resource attributes (docs/semantic-conventions.md).
  const r = new AttributeReader({ ...resourceAttributes, ...span.attributes });
  const project = projectId(r);
  const kind = activityKind(r);
  const durationS =
    r.number(ATTR.activityDurationS, { min: 0 }) ??
    Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e9;
  const ref = artifact(r);
  const activity: Activity = {
    tenant,
    projectId: project,
    kind,
    name:
      span.name.length > SPAN_NAME_MAX_LENGTH
        ? span.name.slice(0, SPAN_NAME_MAX_LENGTH)
        : span.name,
    traceId,
    spanId,
    startTime: isoFromUnixNano(span.startTimeUnixNano),
    endTime: isoFromUnixNano(span.endTimeUnixNano),
    durationS,
    measurements: measurementsFromAttributes(r, kind),
  };
  if (ref !== undefined) activity.artifact = ref;
  return activity;
}

/**
 * Maps one span (plus its resource's attributes) to a validated Activity, or names the first
 * field that prevents it. Never throws: bad input is a result, not a crash.
 */
export function mapSpanToActivity(
  tenant: string,
  span: OtlpSpan,
  resourceAttributes: Attributes,
): SpanMappingResult {
  try {
    return { ok: true, activity: map(tenant, span, resourceAttributes) };
  } catch (error) {
    if (error instanceof AttributeError)
      return { ok: false, field: error.field, reason: error.reason };
    return {
      ok: false,
      field: 'span',
      reason: `could not be mapped: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
