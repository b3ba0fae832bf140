import { DEFAULT_SPAN_TIME_LIMITS, type SpanTimeLimits } from '@greenops/semconv';

/** The variables of libs/config `spanTimeLimitsEnv`, parsed (milliseconds). */
export interface SpanTimeLimitsEnv {
  GREENOPS_SPAN_EARLIEST?: number;
  GREENOPS_SPAN_MAX_FUTURE_SKEW?: number;
}

/** Span time limits from the environment; unset variables keep the defaults. */
export function spanTimeLimitsFromEnv(env: SpanTimeLimitsEnv): SpanTimeLimits {
  return {
    earliestMs: env.GREENOPS_SPAN_EARLIEST ?? DEFAULT_SPAN_TIME_LIMITS.earliestMs,
    maxFutureSkewMs: env.GREENOPS_SPAN_MAX_FUTURE_SKEW ?? DEFAULT_SPAN_TIME_LIMITS.maxFutureSkewMs,
  };
}
