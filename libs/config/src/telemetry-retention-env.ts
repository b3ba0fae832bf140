import { z } from 'zod';

/** How often the projector enforces the tenants' raw-telemetry windows, by default: hourly. */
export const DEFAULT_TELEMETRY_RETENTION_SWEEP_MS = 3_600_000;

const sweepMs = z.coerce
  .number({ invalid_type_error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .positive('must be a positive number of milliseconds');

/**
 * The raw-telemetry retention sweep's interval (docs/retention.md, "Raw-telemetry retention";
 * docs/operations.md). GREENOPS_TELEMETRY_RETENTION_SWEEP_MS is its name; the former
 * GREENOPS_RETENTION_SWEEP_MS read too much like enforcement's GREENOPS_RETENTION_SWEEP_INTERVAL
 * and is still accepted, with a deprecation warning. Each is validated under its own name.
 */
export const telemetryRetentionSweepEnv = {
  GREENOPS_TELEMETRY_RETENTION_SWEEP_MS: sweepMs.optional(),
  /** Deprecated: GREENOPS_TELEMETRY_RETENTION_SWEEP_MS. */
  GREENOPS_RETENTION_SWEEP_MS: sweepMs.optional(),
};

/** The interval to use, and the start-up warning to log when the deprecated name was set. */
export function telemetryRetentionSweepMs(env: {
  GREENOPS_TELEMETRY_RETENTION_SWEEP_MS?: number;
  GREENOPS_RETENTION_SWEEP_MS?: number;
}): { intervalMs: number; deprecation?: string } {
  const current = env.GREENOPS_TELEMETRY_RETENTION_SWEEP_MS;
  const former = env.GREENOPS_RETENTION_SWEEP_MS;
  if (former === undefined) return { intervalMs: current ?? DEFAULT_TELEMETRY_RETENTION_SWEEP_MS };
  if (current !== undefined)
    return {
      intervalMs: current,
      deprecation:
        'GREENOPS_RETENTION_SWEEP_MS is deprecated and ignored: GREENOPS_TELEMETRY_RETENTION_SWEEP_MS is set; remove the former',
    };
  return {
    intervalMs: former,
    deprecation:
      'GREENOPS_RETENTION_SWEEP_MS is deprecated: rename it GREENOPS_TELEMETRY_RETENTION_SWEEP_MS (the raw-telemetry sweep; GREENOPS_RETENTION_SWEEP_INTERVAL is the enforcement sweep)',
  };
}
