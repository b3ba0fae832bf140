import { z } from 'zod';
import {
  ConfigurationError,
  parseEnv,
  telemetryRetentionSweepEnv,
  telemetryRetentionSweepMs,
} from './index';

const schema = z.object(telemetryRetentionSweepEnv);

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(schema, env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('the raw-telemetry retention sweep interval from the environment', () => {
  it('is hourly when neither name is set, without a warning', () => {
    expect(telemetryRetentionSweepMs(parseEnv(schema, {}))).toEqual({ intervalMs: 3_600_000 });
  });

  it('reads GREENOPS_TELEMETRY_RETENTION_SWEEP_MS', () => {
    const env = parseEnv(schema, { GREENOPS_TELEMETRY_RETENTION_SWEEP_MS: '60000' });
    expect(telemetryRetentionSweepMs(env)).toEqual({ intervalMs: 60_000 });
  });

  it('accepts the former GREENOPS_RETENTION_SWEEP_MS with a deprecation warning', () => {
    const env = parseEnv(schema, { GREENOPS_RETENTION_SWEEP_MS: '120000' });
    const resolved = telemetryRetentionSweepMs(env);
    expect(resolved.intervalMs).toBe(120_000);
    expect(resolved.deprecation).toMatch(
      /^GREENOPS_RETENTION_SWEEP_MS is deprecated: rename it GREENOPS_TELEMETRY_RETENTION_SWEEP_MS/,
    );
  });

  it('prefers the new name when both are set, and says the former is ignored', () => {
    const env = parseEnv(schema, {
      GREENOPS_TELEMETRY_RETENTION_SWEEP_MS: '60000',
      GREENOPS_RETENTION_SWEEP_MS: '120000',
    });
    const resolved = telemetryRetentionSweepMs(env);
    expect(resolved.intervalMs).toBe(60_000);
    expect(resolved.deprecation).toMatch(/deprecated and ignored/);
  });

  it('names the variable at fault, under either name', () => {
    expect(
      problems({
        GREENOPS_TELEMETRY_RETENTION_SWEEP_MS: 'hourly',
        GREENOPS_RETENTION_SWEEP_MS: '-5',
      }),
    ).toEqual([
      'GREENOPS_TELEMETRY_RETENTION_SWEEP_MS: must be a number of milliseconds',
      'GREENOPS_RETENTION_SWEEP_MS: must be a positive number of milliseconds',
    ]);
  });
});
