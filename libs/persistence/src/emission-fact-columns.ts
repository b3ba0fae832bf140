import type { EmissionResult } from '@greenops/domain';
import {
  optionalText,
  requireFinite,
  requireInstant,
  requireIntInRange,
  requireText,
  requireUuid,
} from './input-checks';
import { PersistenceInputError } from './persistence-input.error';

export interface EmissionFactInput {
  tenant: string;
  projectId: string;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  artifactId?: string;
  activityKind: string;
  result: EmissionResult;
  /** The projection this fact belongs to; 1 unless a rebuild writes a newer one. */
  projectionVersion?: number;
}

/**
 * Facts as one array per column, the shape `unnest($1::text[], …)` takes: a batch of any size
 * is one parameterised statement (no SQL built from input, one round trip).
 */
export interface EmissionFactColumns {
  tenantId: string[];
  projectId: string[];
  eventId: string[];
  occurredAt: string[];
  recordedAt: string[];
  artifactId: (string | null)[];
  activityKind: string[];
  tier: string[];
  scope: number[];
  category: string[];
  modelId: string[];
  /** JSON array per row: unnest cannot carry a ragged text[][]. */
  factorIdsJson: string[];
  /** JSON array per row: the result's notes (proxies, extrapolations, fallbacks). */
  notesJson: string[];
  methodologyVersion: string[];
  factorSetVersion: string[];
  energyItKwh: number[];
  energyKwh: number[];
  energyLowKwh: number[];
  energyHighKwh: number[];
  pue: number[];
  intensityGPerKwh: number[];
  marketIntensityGPerKwh: number[];
  operationalG: number[];
  operationalMarketG: number[];
  embodiedG: number[];
  trainingG: number[];
  co2eG: number[];
  co2eMarketG: number[];
  co2eLowG: number[];
  co2eHighG: number[];
  projectionVersion: number[];
}

export function toEmissionFactColumns(facts: readonly EmissionFactInput[]): EmissionFactColumns {
  const c: EmissionFactColumns = {
    tenantId: [],
    projectId: [],
    eventId: [],
    occurredAt: [],
    recordedAt: [],
    artifactId: [],
    activityKind: [],
    tier: [],
    scope: [],
    category: [],
    modelId: [],
    factorIdsJson: [],
    notesJson: [],
    methodologyVersion: [],
    factorSetVersion: [],
    energyItKwh: [],
    energyKwh: [],
    energyLowKwh: [],
    energyHighKwh: [],
    pue: [],
    intensityGPerKwh: [],
    marketIntensityGPerKwh: [],
    operationalG: [],
    operationalMarketG: [],
    embodiedG: [],
    trainingG: [],
    co2eG: [],
    co2eMarketG: [],
    co2eLowG: [],
    co2eHighG: [],
    projectionVersion: [],
  };
  facts.forEach((f, i) => {
    const at = (field: string) => `facts[${i}].${field}`;
    const r = f.result;
    if (typeof r !== 'object' || r === null)
      throw new PersistenceInputError(at('result'), 'must be an EmissionResult');
    const num = (field: string, value: unknown) => requireFinite(at(`result.${field}`), value);
    if (!Array.isArray(r.factorIds))
      throw new PersistenceInputError(at('result.factorIds'), 'must be an array of strings');
    r.factorIds.forEach((id, j) => requireText(at(`result.factorIds[${j}]`), id));

    c.tenantId.push(requireText(at('tenant'), f.tenant));
    c.projectId.push(requireText(at('projectId'), f.projectId));
    c.eventId.push(requireUuid(at('eventId'), f.eventId));
    c.occurredAt.push(new Date(requireInstant(at('occurredAt'), f.occurredAt)).toISOString());
    c.recordedAt.push(new Date(requireInstant(at('recordedAt'), f.recordedAt)).toISOString());
    c.artifactId.push(optionalText(at('artifactId'), f.artifactId));
    c.activityKind.push(requireText(at('activityKind'), f.activityKind));
    c.tier.push(requireText(at('result.tier'), r.tier));
    c.scope.push(requireIntInRange(at('result.scope'), r.scope, 1, 3));
    c.category.push(requireText(at('result.category'), r.category));
    c.modelId.push(requireText(at('result.modelId'), r.modelId));
    c.factorIdsJson.push(JSON.stringify(r.factorIds));
    c.notesJson.push(JSON.stringify(factNotes(at('result.notes'), r.notes)));
    c.methodologyVersion.push(requireText(at('result.methodologyVersion'), r.methodologyVersion));
    c.factorSetVersion.push(requireText(at('result.factorSetVersion'), r.factorSetVersion));
    c.energyItKwh.push(num('energyItKwh.nominal', r.energyItKwh?.nominal));
    c.energyKwh.push(num('energyKwh.nominal', r.energyKwh?.nominal));
    c.energyLowKwh.push(num('energyKwh.low', r.energyKwh?.low));
    c.energyHighKwh.push(num('energyKwh.high', r.energyKwh?.high));
    c.pue.push(num('pue', r.pue));
    c.intensityGPerKwh.push(num('intensityGPerKwh', r.intensityGPerKwh));
    c.marketIntensityGPerKwh.push(num('marketIntensityGPerKwh', r.marketIntensityGPerKwh));
    c.operationalG.push(num('operationalG.nominal', r.operationalG?.nominal));
    c.operationalMarketG.push(num('operationalMarketG.nominal', r.operationalMarketG?.nominal));
    c.embodiedG.push(num('embodiedG.nominal', r.embodiedG?.nominal));
    c.trainingG.push(num('trainingG.nominal', r.trainingG?.nominal));
    c.co2eG.push(num('co2eG.nominal', r.co2eG?.nominal));
    c.co2eMarketG.push(num('co2eMarketG.nominal', r.co2eMarketG?.nominal));
    c.co2eLowG.push(num('co2eG.low', r.co2eG?.low));
    c.co2eHighG.push(num('co2eG.high', r.co2eG?.high));
    c.projectionVersion.push(
      requireIntInRange(at('projectionVersion'), f.projectionVersion ?? 1, 1, 2_000_000_000),
    );
  });
  return c;
}

/** Parameter list in the order of the `unnest` in emission-fact-sql.ts. */
export function emissionFactParams(c: EmissionFactColumns): unknown[] {
  return [
    c.tenantId,
    c.projectId,
    c.eventId,
    c.occurredAt,
    c.recordedAt,
    c.artifactId,
    c.activityKind,
    c.tier,
    c.scope,
    c.category,
    c.modelId,
    c.factorIdsJson,
    c.methodologyVersion,
    c.factorSetVersion,
    c.energyItKwh,
    c.energyKwh,
    c.energyLowKwh,
    c.energyHighKwh,
    c.pue,
    c.intensityGPerKwh,
    c.marketIntensityGPerKwh,
    c.operationalG,
    c.operationalMarketG,
    c.embodiedG,
    c.trainingG,
    c.co2eG,
    c.co2eMarketG,
    c.co2eLowG,
    c.co2eHighG,
    c.projectionVersion,
    c.notesJson,
  ];
}

/**
 * Notes a fact keeps (proxies, extrapolations, fallbacks), for the methodological statement.
 * Informational, so bounded by cutting rather than by refusing the fact.
 */
export const MAX_FACT_NOTES = 20;
export const MAX_FACT_NOTE_CHARS = 500;

function factNotes(field: string, notes: unknown): string[] {
  if (notes === undefined) return [];
  if (!Array.isArray(notes)) throw new PersistenceInputError(field, 'must be an array of strings');
  return notes
    .slice(0, MAX_FACT_NOTES)
    .map((note, j) => requireText(`${field}[${j}]`, note).slice(0, MAX_FACT_NOTE_CHARS));
}
