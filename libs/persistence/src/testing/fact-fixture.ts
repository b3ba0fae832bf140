import { randomUUID } from 'node:crypto';
import type { EmissionResult } from '@greenops/domain';
import type { EmissionFactInput } from '../emission-fact-columns';

/** Test intensities, chosen round so expected sums are easy to compute by hand. */
export const TEST_INTENSITY_G_PER_KWH = 100;
export const TEST_MARKET_INTENSITY_G_PER_KWH = 50;

export interface FactSpec {
  tenant: string;
  projectId: string;
  occurredAt: string;
  /** Facility energy; PUE 1 so IT energy is the same. */
  energyKwh: number;
  embodiedG?: number;
  artifactId?: string;
  eventId?: string;
}

/**
 * A render fact following the domain's definitions with PUE 1, 100 g/kWh location and
 * 50 g/kWh market intensity, no training share, ±10 % uncertainty:
 *   operationalG = E × 100, co2eG = operationalG + embodiedG,
 *   co2eMarketG = E × 50 + embodiedG, low = 0.9 × co2eG, high = 1.1 × co2eG.
 */
export function renderFact(spec: FactSpec): EmissionFactInput {
  const e = spec.energyKwh;
  const m = spec.embodiedG ?? 0;
  const operational = e * TEST_INTENSITY_G_PER_KWH;
  const operationalMarket = e * TEST_MARKET_INTENSITY_G_PER_KWH;
  const co2e = operational + m;
  const r = (nominal: number, low = nominal, high = nominal) => ({ low, nominal, high });
  const result: EmissionResult = {
    energyItKwh: r(e),
    energyKwh: r(e),
    pue: 1,
    intensityGPerKwh: TEST_INTENSITY_G_PER_KWH,
    marketIntensityGPerKwh: TEST_MARKET_INTENSITY_G_PER_KWH,
    operationalG: r(operational),
    operationalMarketG: r(operationalMarket),
    embodiedG: r(m),
    trainingG: r(0),
    softwareG: r(0),
    co2eG: r(co2e, co2e * 0.9, co2e * 1.1),
    co2eMarketG: r(operationalMarket + m),
    tier: 'measured',
    scope: 2,
    category: 'scope2.purchased-electricity',
    modelId: 'render.measured',
    factorIds: ['test.intensity.location', 'test.intensity.market'],
    methodologyVersion: 'test-1',
    factorSetVersion: 'test-1',
    trainingAllocation: '1a',
    notes: [],
  };
  return {
    tenant: spec.tenant,
    projectId: spec.projectId,
    eventId: spec.eventId ?? randomUUID(),
    occurredAt: spec.occurredAt,
    recordedAt: spec.occurredAt,
    artifactId: spec.artifactId,
    activityKind: 'render',
    result,
  };
}
