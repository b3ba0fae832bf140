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
import { boundedText } from './bounded-text';
import { isoFromEpochMs } from './iso-instant';
import {
  PROJECT_ID_MAX_CHARS,
  SPAN_ATTRIBUTE_COUNT_MAX,
  SPAN_NAME_MAX_CHARS,
} from './ingest-limits';
import { measurementsFromAttributes } from './measurements-from-attributes';
import type { Attributes, OtlpSpan } from './otlp-span';
import { checkSpanTimes, type SpanTimeContext } from './span-time-limits';

export type SpanMappingResult =
  { ok: true; activity: Activity } | { ok: false; field: string; reason: string };

const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

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

function checkAttributeCount(field: 'attributes' | 'resource.attributes', attributes: Attributes) {
  const count = Object.keys(attributes).length;
  if (count > SPAN_ATTRIBUTE_COUNT_MAX) {
    throw new AttributeError(
      field,
      `must hold at most ${SPAN_ATTRIBUTE_COUNT_MAX} attributes, got ${count}`,
    );
  }
}

function isoFromUnixNano(ns: bigint): string {
  return isoFromEpochMs(Number(ns / 1_000_000n));
}

function projectId(r: AttributeReader): string {
  if (!r.has(ATTR.projectId))
    throw new AttributeError(ATTR.projectId, 'required attribute is missing');
  const value = r.string(ATTR.projectId, PROJECT_ID_MAX_CHARS);
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
  const dependents = [
    ATTR.artifactParentId,
    ATTR.artifactKind,
    ATTR.artifactStatus,
    ATTR.artifactDurationS,
  ].filter((n) => r.has(n));
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
  const durationS = r.number(ATTR.artifactDurationS);
  if (durationS !== undefined) ref.durationS = durationS;
  return ref;
}

function map(
  tenant: string,
  span: OtlpSpan,
  resourceAttributes: Attributes,
  time: SpanTimeContext,
): Activity {
  const traceId = hexId('traceId', span.traceId, 32);
  const spanId = hexId('spanId', span.spanId, 16);
  checkSpanTimes(span.startTimeUnixNano, span.endTimeUnixNano, time);
  checkAttributeCount('attributes', span.attributes);
  checkAttributeCount('resource.attributes', resourceAttributes);
  // Span attributes override resource attributes (docs/semantic-conventions.md).
  const r = new AttributeReader(span.attributes, resourceAttributes);
  const project = projectId(r);
  const kind = activityKind(r);
  const durationS =
    r.number(ATTR.activityDurationS) ?? Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e9;
  const ref = artifact(r);
  const measurements = measurementsFromAttributes(r, kind);
  // In the contract's field order (libs/contracts activityPayloadV1: artifact before
  // measurements), so the event is accepted without zod's copy (libs/contracts schema-acceptor.ts).
  const activity: Activity = {
    tenant,
    projectId: project,
    kind,
    name: boundedText(span.name, SPAN_NAME_MAX_CHARS),
    traceId,
    spanId,
    startTime: isoFromUnixNano(span.startTimeUnixNano),
    endTime: isoFromUnixNano(span.endTimeUnixNano),
    durationS,
    ...(ref === undefined ? {} : { artifact: ref }),
    measurements,
  };
  return activity;
}

/**
 * Maps one span (plus its resource's attributes) to a validated Activity, or names the first
 * field that prevents it: bad input is a result, not an exception. Anything else thrown is a
 * bug in the mapping and propagates, so the caller can log it as one (the ingest rejects that
 * span and keeps the rest of the batch).
 */
export function mapSpanToActivity(
  tenant: string,
  span: OtlpSpan,
  resourceAttributes: Attributes,
  time: SpanTimeContext,
): SpanMappingResult {
  try {
    return { ok: true, activity: map(tenant, span, resourceAttributes, time) };
  } catch (error) {
    if (error instanceof AttributeError)
      return { ok: false, field: error.field, reason: error.reason };
    throw error;
  }
}
