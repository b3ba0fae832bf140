import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  activityEventId,
  encodeLogRecord,
  type ActivityRecorded,
  type LogRecord,
} from '@greenops/contracts';
import type { Activity } from '@greenops/domain';
import type { EventLogPublisher } from '@greenops/messaging';
import { computeEmissions, MethodologyInputError } from '@greenops/methodology';
import { mapSpanToActivity, type OtlpSpan } from '@greenops/semconv';
import { EVENT_LOG_PUBLISHER, INGEST_CLOCK, type Clock } from './ingest-tokens';
import type { DecodedResourceSpans } from './otlp-decoder';

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
  const name =
    span.name.length > NAME_MAX_CHARS ? `${span.name.slice(0, NAME_MAX_CHARS)}…` : span.name;
  return `span ${span.spanId || '(no id)'} (name ${JSON.stringify(name)})`;
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

/**
 * Turns decoded OTLP spans into ActivityRecorded events (and DLQ records for the spans that
 * cannot be mapped) and appends them to the event log in one publish: either the whole batch
 * is durable or the caller gets EventLogUnavailableError and nothing counts as accepted. Each
 * event is checked against its contract before it is published (`encodeLogRecord`,
 * libs/contracts); one that fails is a bug of ours, and the span is rejected with the reason
 * rather than published as garbage or failing its batch-mates.
 */
@Injectable()
export class IngestService {
  private readonly clock: Clock;

  constructor(
    @Inject(EVENT_LOG_PUBLISHER) private readonly publisher: EventLogPublisher,
    @Optional() @Inject(INGEST_CLOCK) clock?: Clock,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  async export(tenant: string, resourceSpans: DecodedResourceSpans[]): Promise<ExportOutcome> {
    const recordedAt = this.clock().toISOString();
    const accepted: LogRecord[] = [];
    const rejected: LogRecord[] = [];
    const reasons: string[] = [];
    const seenEventIds = new Set<string>();
    let acceptedSpans = 0;
    let rejectedSpans = 0;

    for (const { resourceAttributes, spans } of resourceSpans) {
      for (const span of spans) {
        const result = encoded(
          quantifiable(mapSpanToActivity(tenant, span, resourceAttributes)),
          recordedAt,
        );
        if (result.ok) {
          acceptedSpans++;
          // The same span twice in one batch is one activity: publish it once.
          if (seenEventIds.has(result.eventId)) continue;
          seenEventIds.add(result.eventId);
          accepted.push(result.record);
          continue;
        }
        rejectedSpans++;
        const reason = `${spanLabel(span)}: ${result.field}: ${result.reason}`;
        const deadLetter = encodeLogRecord({
          type: 'RejectedSpan',
          version: 1,
          tenant,
          traceId: span.traceId,
          spanId: span.spanId,
          name: span.name,
          field: result.field,
          reason: result.reason,
          rejectedAt: recordedAt,
        });
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
    if (records.length > 0) await this.publisher.publish(records);
    const outcome: ExportOutcome = { acceptedSpans, rejectedSpans };
    if (reasons.length > 0) outcome.errorMessage = joinCapped(reasons);
    return outcome;
  }
}

type Mapped = ReturnType<typeof mapSpanToActivity>;

/** The span's ActivityRecorded event checked against its contract, or why the span is rejected. */
function encoded(
  mapped: Mapped,
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
 * catalogue: a tenant factor set changes numbers, not which attributes are needed.
 */
function quantifiable(mapped: Mapped): Mapped {
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
