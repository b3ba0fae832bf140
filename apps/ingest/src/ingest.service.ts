import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { SpanStatusCode } from '@opentelemetry/api';
import { selfMetrics, selfTracer } from '@greenops/observability';
import {
  activityEventId,
  encodeLogRecord,
  type ActivityRecorded,
  type LogRecord,
} from '@greenops/contracts';
import type { Activity } from '@greenops/domain';
import type { EventLogPublisher } from '@greenops/messaging';
import { computeEmissions, MethodologyInputError } from '@greenops/methodology';
import {
  boundedText,
  DEFAULT_SPAN_TIME_LIMITS,
  mapSpanToActivity,
  REJECTED_ID_MAX_CHARS,
  type Attributes,
  type OtlpSpan,
  type SpanTimeContext,
  type SpanTimeLimits,
} from '@greenops/semconv';
import {
  EVENT_LOG_PUBLISHER,
  INGEST_CLOCK,
  INGEST_OPTIONS,
  type Clock,
  type IngestOptions,
} from './ingest-tokens';
import type { DecodedResourceSpans } from './otlp-decoder';
import { rejectedSpanRecord } from './rejected-span-record';

export interface ExportOutcome {
  /** Spans turned into ActivityRecorded events (a span repeated in the batch counts each time). */
  acceptedSpans: number;
  rejectedSpans: number;
  /** One line per rejected span, capped at ERROR_MESSAGE_MAX_CHARS; absent when none was rejected. */
  errorMessage?: string;
}

export const ERROR_MESSAGE_MAX_CHARS = 4096;
const NAME_MAX_CHARS = 64;

function spanLabel(span: OtlpSpan): string {
  const name = boundedText(span.name, NAME_MAX_CHARS + 1);
  const id = boundedText(span.spanId, REJECTED_ID_MAX_CHARS);
  return `span ${id || '(no id)'} (name ${JSON.stringify(name)})`;
}

function joinCapped(lines: string[]): string {
  const full = lines.join('; ');
  if (full.length <= ERROR_MESSAGE_MAX_CHARS) return full;
  let out = '';
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const candidate = `${out}${out === '' ? '' : '; '}${lines[i]}`;
    if (`${candidate}; … and ${lines.length - i - 1} more`.length > ERROR_MESSAGE_MAX_CHARS) break;
    out = candidate;
    used++;
  }
  if (used === 0) return `${lines[0].slice(0, ERROR_MESSAGE_MAX_CHARS - 1)}…`;
  return `${out}; … and ${lines.length - used} more`;
}

function envelope(activity: Activity, recordedAt: string): ActivityRecorded {
  const { tenant, projectId, ...payload } = activity;
  return {
    id: activityEventId(tenant, activity.traceId, activity.spanId),
    type: 'ActivityRecorded',
    version: 1,
    tenant,
    projectId,
    occurredAt: activity.startTime,
    recordedAt,
    payload,
  };
}

/** Reason given for a span whose processing failed unexpectedly (the bug is logged, not shown). */
export const INTERNAL_ERROR_REASON = 'could not be processed: internal error in the receiver';

type SpanOutcome = { ok: true; activity: Activity } | { ok: false; field: string; reason: string };

/**
 * Turns decoded OTLP spans into ActivityRecorded events (and DLQ records for the spans that
 * cannot be mapped) and appends them to the event log in one publish: either the whole batch
 * is durable or the caller gets EventLogUnavailableError and nothing counts as accepted.
 * Every span gets an outcome: nothing one span holds can fail the request. Each event is checked
 * against its contract before it is published (`encodeLogRecord`, libs/contracts); one that
 * fails is a bug of ours, and the span is rejected with the reason rather than published as
 * garbage or failing its batch-mates.
 */
@Injectable()
export class IngestService {
  private readonly clock: Clock;
  private readonly spanTimeLimits: SpanTimeLimits;
  private readonly logger = new Logger('Ingest');

  constructor(
    @Inject(EVENT_LOG_PUBLISHER) private readonly publisher: EventLogPublisher,
    @Optional() @Inject(INGEST_CLOCK) clock?: Clock,
    @Optional() @Inject(INGEST_OPTIONS) options?: Pick<IngestOptions, 'spanTimeLimits'>,
  ) {
    this.clock = clock ?? (() => new Date());
    this.spanTimeLimits = options?.spanTimeLimits ?? DEFAULT_SPAN_TIME_LIMITS;
  }

  /** One export request, as a span of the platform's own traces (docs/operations.md, "Self-telemetry"). */
  export(tenant: string, resourceSpans: DecodedResourceSpans[]): Promise<ExportOutcome> {
    return selfTracer().startActiveSpan('greenops.ingest.export', async (span) => {
      try {
        const outcome = await this.exportSpans(tenant, resourceSpans);
        span.setAttributes({
          'greenops.spans.accepted': outcome.acceptedSpans,
          'greenops.spans.rejected': outcome.rejectedSpans,
        });
        return outcome;
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async exportSpans(
    tenant: string,
    resourceSpans: DecodedResourceSpans[],
  ): Promise<ExportOutcome> {
    const now = this.clock();
    const recordedAt = now.toISOString();
    const time: SpanTimeContext = { receivedAtMs: now.getTime(), limits: this.spanTimeLimits };
    const accepted: LogRecord[] = [];
    const rejected: LogRecord[] = [];
    const reasons: string[] = [];
    /** Index in `accepted` of each span's record: a span sent twice is published once, as last sent. */
    const acceptedAt = new Map<string, number>();
    let acceptedSpans = 0;
    let rejectedSpans = 0;

    for (const { resourceAttributes, spans } of resourceSpans) {
      for (const span of spans) {
        const result = encoded(
          this.spanOutcome(tenant, span, resourceAttributes, time),
          recordedAt,
        );
        if (result.ok) {
          acceptedSpans++;
          // The same span twice in one batch is one activity (docs/architecture.md,
          // "Corrections"): the version sent last replaces the earlier one, as it would in a
          // later request.
          const earlier = acceptedAt.get(result.eventId);
          if (earlier !== undefined) accepted[earlier] = result.record;
          else acceptedAt.set(result.eventId, accepted.push(result.record) - 1);
          continue;
        }
        rejectedSpans++;
        const value = rejectedSpanRecord(tenant, span, result, recordedAt);
        const reason = `${spanLabel(span)}: ${value.field}: ${value.reason}`;
        const deadLetter = encodeLogRecord(value);
        if (deadLetter.ok) {
          rejected.push(deadLetter.record);
          reasons.push(reason);
        } else {
          reasons.push(
            `${reason} (no dead-letter record: RejectedSpan.${deadLetter.field}: ${deadLetter.reason})`,
          );
        }
      }
    }

    const records = [...accepted, ...rejected];
    if (records.length > 0) {
      const started = performance.now();
      await this.publisher.publish(records);
      selfMetrics().publishDuration.record((performance.now() - started) / 1000);
    }
    // Counted once durable: a request refused with 503 accepted nothing.
    if (acceptedSpans > 0) selfMetrics().ingestSpans.add(acceptedSpans, { outcome: 'accepted' });
    if (rejectedSpans > 0) selfMetrics().ingestSpans.add(rejectedSpans, { outcome: 'rejected' });
    const outcome: ExportOutcome = { acceptedSpans, rejectedSpans };
    if (reasons.length > 0) outcome.errorMessage = joinCapped(reasons);
    return outcome;
  }

  /**
   * Maps one span and checks the methodology can quantify it. An unexpected error is a bug in
   * this code, not in the span: it is logged, and the span alone is rejected with a generic
   * reason, so the valid spans of the batch still go through.
   */
  private spanOutcome(
    tenant: string,
    span: OtlpSpan,
    resourceAttributes: Attributes,
    time: SpanTimeContext,
  ): SpanOutcome {
    try {
      return quantifiable(mapSpanToActivity(tenant, span, resourceAttributes, time));
    } catch (error) {
      this.logger.error(
        `bug: span ${boundedText(span.spanId, REJECTED_ID_MAX_CHARS)} of tenant ${tenant} could not be processed: ${
          error instanceof Error ? (error.stack ?? error.message) : String(error)
        }`,
      );
      return { ok: false, field: 'span', reason: INTERNAL_ERROR_REASON };
    }
  }
}

/** The span's ActivityRecorded event checked against its contract, or why the span is rejected. */
function encoded(
  mapped: SpanOutcome,
  recordedAt: string,
): { ok: true; eventId: string; record: LogRecord } | { ok: false; field: string; reason: string } {
  if (!mapped.ok) return mapped;
  const event = envelope(mapped.activity, recordedAt);
  const checked = encodeLogRecord(event);
  if (checked.ok) return { ok: true, eventId: event.id, record: checked.record };
  return {
    ok: false,
    field: `ActivityRecorded.${checked.field}`,
    reason: `the event made of this span breaks its contract: ${checked.reason}`,
  };
}

/**
 * A span the methodology cannot turn into emissions (e.g. a render with neither energy nor
 * power) is rejected here, with the attribute it lacks, rather than accepted and then skipped
 * by the projector where the sender would never learn of it. Checked against the shipped
 * catalogue: a tenant factor set changes numbers, not which attributes are needed. Any other
 * error propagates to spanOutcome, which treats it as a bug.
 */
function quantifiable(mapped: SpanOutcome): SpanOutcome {
  if (!mapped.ok) return mapped;
  try {
    computeEmissions(mapped.activity);
    return mapped;
  } catch (error) {
    if (error instanceof MethodologyInputError)
      return { ok: false, field: error.field, reason: error.reason };
    throw error;
  }
}
