import type { ReadinessCheck } from '@greenops/observability';
import type { ApiCallerResolver } from '@greenops/auth';
import type { EventLogPublisher } from '@greenops/messaging';
import type { SpanTimeLimits } from '@greenops/semconv';

/** Nest injection token of the EventLogPublisher port the ingest writes to. */
export const EVENT_LOG_PUBLISHER = Symbol('EVENT_LOG_PUBLISHER');
/** Nest injection token of the ApiCallerResolver (libs/auth; ApiKeyStore in production). */
export const API_KEY_RESOLVER = Symbol('API_KEY_RESOLVER');
/** Nest injection token of the resolved IngestOptions. */
export const INGEST_OPTIONS = Symbol('INGEST_OPTIONS');
/** Optional Nest injection token of a `() => Date` clock (tests pin recordedAt). */
export const INGEST_CLOCK = Symbol('INGEST_CLOCK');

export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export interface IngestOptions {
  /** Limit on the request body, compressed and decompressed. Default 4 MiB. */
  maxRequestBytes: number;
  /** Accepted span times. Default: from 2000-01-01T00:00:00Z to 24 h ahead of the clock. */
  spanTimeLimits: SpanTimeLimits;
}

export interface IngestModuleOptions {
  publisher: EventLogPublisher;
  apiKeys: ApiCallerResolver;
  maxRequestBytes?: number;
  spanTimeLimits?: SpanTimeLimits;
  /** What /readyz checks (docs/operations.md, "Health and readiness"); none: always ready. */
  readiness?: ReadinessCheck[];
}

export type Clock = () => Date;
