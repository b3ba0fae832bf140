import { SERVED_PROJECTION_VERSION } from './projection-version';

/** Longest window an ingest rate is counted over: one day. */
export const MAX_INGEST_RATE_WINDOW_MINUTES = 1440;

/**
 * Spans ingest accepted and refused in the window (from, until], for one tenant ($1).
 *
 * Accepted: the spans the served projection counts (`counted_facts`, one row per span identity,
 * docs/architecture.md "Corrections"), by when ingest received them (`recorded_at`); a correction
 * counts once, at the time its latest version was received. Refused: the DLQ records of the
 * tenant (`dead_letters`), by `rejected_at`. Both are counts of rows the platform already
 * stores: nothing is sampled.
 */
export const INGEST_RATE = `
  select
    (select count(*)::int from counted_facts
      where tenant_id = $1 and projection_version = ${SERVED_PROJECTION_VERSION}
        and recorded_at > $2 and recorded_at <= $3) as accepted,
    (select count(*)::int from dead_letters
      where tenant_id = $1 and rejected_at > $2 and rejected_at <= $3) as rejected`;

/** Spans accepted and rejected over a window ending at `until`, and their rates per minute. */
export interface IngestRate {
  windowMinutes: number;
  /** Exclusive start of the window, ISO 8601. */
  from: string;
  /** Inclusive end of the window, ISO 8601. */
  until: string;
  acceptedSpans: number;
  rejectedSpans: number;
  acceptedPerMinute: number;
  rejectedPerMinute: number;
}
