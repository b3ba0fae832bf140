import { scaleRange, type EmissionResult } from '@greenops/domain';

/**
 * A share of a result: every energy and emission range × `share`; intensities, PUE, tier, scope,
 * factors and versions unchanged. Used to hand parts of one measured figure to several outputs.
 */
export function scaleEmissionResult(
  r: EmissionResult,
  share: number,
  relabel: { modelId: string; notes?: string[] },
): EmissionResult {
  return {
    ...r,
    energyItKwh: scaleRange(r.energyItKwh, share),
    energyKwh: scaleRange(r.energyKwh, share),
    operationalG: scaleRange(r.operationalG, share),
    operationalMarketG: scaleRange(r.operationalMarketG, share),
    embodiedG: scaleRange(r.embodiedG, share),
    trainingG: scaleRange(r.trainingG, share),
    softwareG: scaleRange(r.softwareG, share),
    co2eG: scaleRange(r.co2eG, share),
    co2eMarketG: scaleRange(r.co2eMarketG, share),
    factorIds: [...r.factorIds],
    modelId: relabel.modelId,
    notes: [...r.notes, ...(relabel.notes ?? [])],
  };
}
