import type { RejectedSpan } from '@greenops/contracts';
import {
  boundedText,
  REJECTED_ID_MAX_CHARS,
  REJECTION_FIELD_MAX_CHARS,
  REJECTION_REASON_MAX_CHARS,
  SPAN_NAME_MAX_CHARS,
  type OtlpSpan,
} from '@greenops/semconv';

/**
 * The dead-letter record of a rejected span. The span is invalid, so every string in it is
 * bounded and made storable here (libs/semconv ingest-limits.ts): a rejected span may carry a
 * name of megabytes or an id of any length, and the record is kept and served back to the tenant.
 */
export function rejectedSpanRecord(
  tenant: string,
  span: OtlpSpan,
  rejection: { field: string; reason: string },
  rejectedAt: string,
): RejectedSpan {
  return {
    type: 'RejectedSpan',
    version: 1,
    tenant,
    traceId: boundedText(span.traceId, REJECTED_ID_MAX_CHARS),
    spanId: boundedText(span.spanId, REJECTED_ID_MAX_CHARS),
    name: boundedText(span.name, SPAN_NAME_MAX_CHARS),
    field: boundedText(rejection.field, REJECTION_FIELD_MAX_CHARS),
    reason: boundedText(rejection.reason, REJECTION_REASON_MAX_CHARS),
    rejectedAt,
  };
}
