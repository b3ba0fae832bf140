import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  activityEventId,
  partitionKey,
  TOPICS,
  type Activity,
  type ActivityRecorded,
  type RejectedSpan,
} from '@greenops/domain';
import type { EventLogPublisher, PublishRecord } from '@greenops/messaging';
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
 * is durable or the caller gets EventLogUnavailableError and nothing counts as accepted.
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
    const accepted: PublishRecord[] = [];
    const rejected: PublishRecord[] = [];
    const reasons: string[] = [];
    const seenEventIds = new Set<string>();
    let acceptedSpans = 0;

    for (const { resourceAttributes, spans } of resourceSpans) {
      for (const span of spans) {
        const result = quantifiable(mapSpanToActivity(tenant, span, resourceAttributes));
        if (result.ok) {
          acceptedSpans++;
          const event = envelope(result.activity, recordedAt);
          // The same span twice in one batch is one activity: publish it once.
          if (seenEventIds.has(event.id)) continue;
          seenEventIds.add(event.id);
          accepted.push({
            topic: TOPICS.activities,
            key: partitionKey(tenant, event.projectId),
            value: event,
          });
        } else {
          reasons.push(`${spanLabel(span)}: ${result.field}: ${result.reason}`);
          const value: RejectedSpan = {
            tenant,
            traceId: span.traceId,
            spanId: span.spanId,
            name: span.name,
            field: result.field,
            reason: result.reason,
            rejectedAt: recordedAt,
          };
          rejected.push({ topic: TOPICS.activitiesDlq, key: tenant, value });
        }
      }
    }

    const records = [...accepted, ...rejected];
    if (records.length > 0) await this.publisher.publish(records);
    const outcome: ExportOutcome = { acceptedSpans, rejectedSpans: rejected.length };
    if (reasons.length > 0) outcome.errorMessage = joinCapped(reasons);
    return outcome;
  }
}

type Mapped = ReturnType<typeof mapSpanToActivity>;

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
