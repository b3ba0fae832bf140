import type { EmissionFactInput } from '../projection-store.port';

/** A minimal fact for unit tests of the write path (values are not looked at). */
export function renderFactForUnit(tenant: string, eventId: string): EmissionFactInput {
  const r = { low: 1, nominal: 1, high: 1 };
  return {
    tenant,
    projectId: 'p1',
    eventId,
    occurredAt: '2026-11-02T09:00:00.000Z',
    recordedAt: '2026-11-02T10:00:00.000Z',
    activityKind: 'render',
    projectionVersion: 1,
    result: {
      energyItKwh: r,
      energyKwh: r,
      pue: 1,
      intensityGPerKwh: 1,
      marketIntensityGPerKwh: 1,
      operationalG: r,
      operationalMarketG: r,
      embodiedG: r,
      trainingG: r,
      softwareG: r,
      co2eG: r,
      co2eMarketG: r,
      tier: 'measured',
      scope: 2,
      category: 'scope2.purchased-electricity',
      modelId: 'render.measured',
      factorIds: [],
      methodologyVersion: 'unit',
      factorSetVersion: 'unit',
      trainingAllocation: '1a',
      notes: [],
    },
  };
}
