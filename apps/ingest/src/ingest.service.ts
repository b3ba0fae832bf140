import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { SpanStatusCode } from '@opentelemetry/api';
import { selfMetrics, selfTracer } from '@greenops/observability';
import {
  ACTIVITIES_PER_RECORD_MAX,
  activitiesRecorded,
  activityEventId,
  encodeLogRecord,
  type LogRecord,
  type RecordedActivity,
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
  /** Spans turned into published activities (a span repeated in the batch counts each time). */
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

/** Reason given for a span whose processing failed unexpectedly (the bug is logged, not shown). */
export const INTERNAL_ERROR_REASON = 'could not be processed: internal error in the receiver';

type SpanOutcome = { ok: true; activity: Activity } | { ok: false; field: string; reason: string };

/**
 * Turns decoded OTLP spans into ActivitiesRecorded records (and DLQ records for the spans that
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
    /** Each span's activity by event id: a span sent twice is published once, as last sent. */
    const activities = new Map<string, PendingActivity>();
    const rejections: PendingRejection[] = [];
    let index = 0;

    for (const { resourceAttributes, spans } of resourceSpans) {
      for (const span of spans) {
        const at = index++;
        const mapped = this.spanOutcome(tenant, span, resourceAttributes, time);
        if (!mapped.ok) {
          rejections.push({ index: at, span, field: mapped.field, reason: mapped.reason });
          continue;
        }
        const { tenant: _tenant, projectId, ...payload } = mapped.activity;
        const id = activityEventId(tenant, payload.traceId, payload.spanId);
        // The same span twice in one batch is one activity (docs/architecture.md,
        // "Corrections"): the version sent last replaces the earlier one, as it would in a
        // later request. Deleted first so that it takes its place among its project's.
        const earlier = activities.get(id);
        if (earlier) earlier.superseded++;
        activities.delete(id);
        activities.set(id, {
          index: at,
          span,
          projectId,
          superseded: earlier ? earlier.superseded : 0,
          activity: { id, occurredAt: payload.startTime, payload },
        });
      }
    }

    const { records: accepted, rejected } = activityRecords(tenant, recordedAt, activities);
    let acceptedSpans = 0;
    for (const a of activities.values()) acceptedSpans += 1 + a.superseded;
    for (const r of rejected) {
      acceptedSpans -= 1 + r.superseded;
      rejections.push(r);
    }
    rejections.sort((a, b) => a.index - b.index);

    const dlq: LogRecord[] = [];
    const reasons: string[] = [];
    for (const r of rejections) {
      const value = rejectedSpanRecord(tenant, r.span, r, recordedAt);
      const reason = `${spanLabel(r.span)}: ${value.field}: ${value.reason}`;
      const deadLetter = encodeLogRecord(value);
      if (deadLetter.ok) {
        dlq.push(deadLetter.record);
        reasons.push(reason);
      } else {
        reasons.push(
          `${reason} (no dead-letter record: RejectedSpan.${deadLetter.field}: ${deadLetter.reason})`,
        );
      }
    }
    const rejectedSpans = rejections.length;

    const records = [...accepted, ...dlq];
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

/** A mapped span waiting to be published. */
interface PendingActivity {
  /** Position of the span in the request, so rejections are reported in request order. */
  index: number;
  span: OtlpSpan;
  projectId: string;
  /** Earlier copies of the same span in this request, which this one replaced. */
  superseded: number;
  activity: RecordedActivity;
}

interface PendingRejection {
  index: number;
  span: OtlpSpan;
  field: string;
  reason: string;
}

/** Where the contract check names a field of one activity of an ActivitiesRecorded record. */
const ACTIVITY_FIELD = /^payload\.activities\.(\d+)(?:\.(.*))?$/;

/**
 * The request's activities as ActivitiesRecorded records: one per project, of at most
 * ACTIVITIES_PER_RECORD_MAX activities (docs/architecture.md, §1), each checked against its
 * contract. A failure is a bug of ours; it is reported as before records were batched, as the
 * field of the ActivityRecorded event the span would have made (`ActivityRecorded.<field>`): the
 * activity the field belongs to is rejected and the rest of its record checked again; a field
 * of the envelope (e.g. `recordedAt`) rejects every activity of the record.
 */
function activityRecords(
  tenant: string,
  recordedAt: string,
  activities: Map<string, PendingActivity>,
): { records: LogRecord[]; rejected: Array<PendingRejection & { superseded: number }> } {
  const byProject = new Map<string, PendingActivity[]>();
  for (const a of activities.values()) {
    const group = byProject.get(a.projectId);
    if (group) group.push(a);
    else byProject.set(a.projectId, [a]);
  }
  const records: LogRecord[] = [];
  const rejected: Array<PendingRejection & { superseded: number }> = [];
  const reject = (a: PendingActivity, field: string, reason: string) =>
    rejected.push({
      index: a.index,
      span: a.span,
      superseded: a.superseded,
      field: `ActivityRecorded.${field}`,
      reason: `the event made of this span breaks its contract: ${reason}`,
    });
  for (const [projectId, group] of byProject) {
    for (let from = 0; from < group.length; from += ACTIVITIES_PER_RECORD_MAX) {
      const members = group.slice(from, from + ACTIVITIES_PER_RECORD_MAX);
      while (members.length > 0) {
        const event = activitiesRecorded(
          tenant,
          projectId,
          recordedAt,
          members.map((m) => m.activity),
        );
        const checked = encodeLogRecord(event);
        if (checked.ok) {
          records.push(checked.record);
          break;
        }
        const inActivity = ACTIVITY_FIELD.exec(checked.field);
        // The envelope's occurredAt is one activity's (the latest): that activity's fault.
        const latest =
          checked.field === 'occurredAt'
            ? members.findIndex((m) => m.activity.occurredAt === event.occurredAt)
            : -1;
        if (inActivity) {
          const [m] = members.splice(Number(inActivity[1]), 1);
          reject(m, inActivity[2] || '(record)', checked.reason);
        } else if (latest >= 0) {
          const [m] = members.splice(latest, 1);
          reject(m, checked.field, checked.reason);
        } else {
          for (const m of members) reject(m, checked.field, checked.reason);
          break;
        }
      }
    }
  }
  return { records, rejected };
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
