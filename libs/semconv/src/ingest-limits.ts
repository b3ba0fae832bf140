/**
 * Size limits on what a tenant can make GreenOps store through ingest: every string kept in an
 * ActivityRecorded payload or a RejectedSpan dead-letter record is bounded here, at the source
 * (docs/semantic-conventions.md, "Limits"). Lengths are in UTF-16 code units (JavaScript string
 * length), which is at least the number of characters.
 */

/** Span names longer than this are truncated, ending in TRUNCATION_MARKER. */
export const SPAN_NAME_MAX_CHARS = 256;
/** String attribute values GreenOps keeps (ids, model, kinds, …); longer ones are rejected. */
export const ATTRIBUTE_STRING_MAX_CHARS = 256;
/** `greenops.storage.uri`: a path or URI on a storage system, longer than an id. */
export const STORAGE_URI_MAX_CHARS = 1024;
/** `greenops.project.id`: part of every partition key, so shorter than other strings. */
export const PROJECT_ID_MAX_CHARS = 200;
/**
 * Attributes per span, and per resource, like the OpenTelemetry SDKs' default attribute count
 * limit (OTEL_ATTRIBUTE_COUNT_LIMIT = 128, OpenTelemetry specification, "Attribute Limits").
 */
export const SPAN_ATTRIBUTE_COUNT_MAX = 128;
/** A rejection's reason in a dead-letter record; longer ones are truncated. */
export const REJECTION_REASON_MAX_CHARS = 512;
/** A rejection's field (an attribute name or a span field) in a dead-letter record. */
export const REJECTION_FIELD_MAX_CHARS = 128;
/**
 * Trace and span ids as received, kept in a dead-letter record so the sender can find the span.
 * A valid id has 32 (trace) or 16 (span) hex characters; anything longer is already invalid.
 */
export const REJECTED_ID_MAX_CHARS = 64;

/** Ends a truncated text; counted within the limit. */
export const TRUNCATION_MARKER = '…';
