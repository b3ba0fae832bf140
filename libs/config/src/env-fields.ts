import { z } from 'zod';

export const portField = (defaultPort: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a TCP port number' })
    .int('must be an integer')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(defaultPort);

export const brokersField = z
  .string({ required_error: 'is required (comma-separated host:port list, e.g. 127.0.0.1:9092)' })
  .transform((value) =>
    value
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d+$/.test(b)), {
    message: 'must be a comma-separated list of host:port',
  });

export const postgresUrlField = z
  .string({ required_error: 'is required (e.g. postgres://user@127.0.0.1:5432/greenops)' })
  .refine((value) => /^postgres(ql)?:\/\//.test(value), { message: 'must be a postgres:// URL' });

export const byteSizeField = (defaultBytes: number) =>
  z.coerce.number().int().positive('must be a positive number of bytes').default(defaultBytes);

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A duration such as `24h`, `90m`, `30s`, `2d` or `500ms`, as milliseconds, at most `maxMs`.
 * Without a unit the number is seconds.
 */
export const durationField = (maxMs: number, maxText: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(ms|s|m|min|h|d)?$/i, 'must be a duration such as 24h, 90m, 30s or 2d')
    .transform((value) => {
      const [, amount, unit] = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value) ?? [];
      return Math.round(Number(amount) * DURATION_UNITS_MS[(unit || 's').toLowerCase()]);
    })
    .refine((ms) => ms <= maxMs, { message: `must be at most ${maxText}` });

/**
 * An instant in ISO 8601 with a time zone (`2000-01-01T00:00:00Z`) or a date (`2000-01-01`,
 * midnight UTC), as Unix milliseconds; not before 1970 and not in the future.
 */
export const pastInstantField = () =>
  z
    .string()
    .trim()
    .refine(
      (value) =>
        /^\d{4}-\d{2}-\d{2}$/.test(value) ||
        z.string().datetime({ offset: true }).safeParse(value).success,
      { message: 'must be an ISO 8601 instant with a time zone, e.g. 2000-01-01T00:00:00Z' },
    )
    .transform((value) =>
      Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value),
    )
    .refine((ms) => Number.isSafeInteger(ms) && ms >= 0, {
      message: 'must be a valid date from 1970 on',
    })
    .refine((ms) => ms <= Date.now(), { message: 'must not be in the future' });

/**
 * Accepted span times (ingest): unset variables keep the ingest's defaults,
 * 2000-01-01T00:00:00Z and 24 h. The skew is capped at 30 days: every week of future start
 * times is one more storage chunk.
 */
export const spanTimeLimitsEnv = {
  GREENOPS_SPAN_EARLIEST: pastInstantField().optional(),
  GREENOPS_SPAN_MAX_FUTURE_SKEW: durationField(30 * 86_400_000, '30d').optional(),
};

/** A duration in whole milliseconds, at least 1. */
export const durationMsField = (defaultMs: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .positive('must be a positive number of milliseconds')
    .default(defaultMs);
