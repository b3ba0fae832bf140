import type { Activity, ActivityKind, ActivityMeasurements } from '@greenops/domain';

/** A minimal valid activity for unit tests; `durationS` and measurements vary per test. */
export function activity(
  kind: ActivityKind,
  measurements: ActivityMeasurements,
  durationS = 3600,
): Activity {
  return {
    tenant: 't1',
    projectId: 'series-s01',
    kind,
    name: `${kind} test`,
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    startTime: '2026-01-01T00:00:00.000Z',
    endTime: new Date(Date.parse('2026-01-01T00:00:00.000Z') + durationS * 1000).toISOString(),
    durationS,
    measurements,
  };
}
