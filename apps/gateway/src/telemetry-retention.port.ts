import type { ProjectErasureStore, TelemetryRetentionStore } from '@greenops/persistence';

/**
 * The platform's own data (docs/retention.md, "The platform's own data"): the tenant's raw
 * telemetry window, its enforcement and project erasure (libs/persistence). Tenant-scoped.
 */
export interface TelemetryRetentionAdmin {
  retention: Pick<TelemetryRetentionStore, 'setWindow' | 'setting' | 'enforce' | 'restatableFrom'>;
  erasure: Pick<ProjectErasureStore, 'erase'>;
}

export const GATEWAY_TELEMETRY_RETENTION = Symbol('GATEWAY_TELEMETRY_RETENTION');
