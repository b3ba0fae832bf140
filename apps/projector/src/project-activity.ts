import type { ActivityRecorded } from '@greenops/contracts';
import {
  computeEmissions,
  factCeilingProblem,
  MethodologyInputError,
  type ComputeOptions,
} from '@greenops/methodology';
import type { ProjectionStage } from '@greenops/persistence';
import type { FactorSetCatalog } from '@greenops/factors';
import type { EmissionFactInput } from './projection-store.port';
import { UnusableFactorSetError } from '@greenops/factors';

export interface ProjectionTarget {
  version: number;
  factorSetVersion: string | null;
}

export type ActivityProjection =
  | { ok: true; fact: EmissionFactInput }
  | { ok: false; stage: ProjectionStage; field: string; reason: string };

/**
 * One activity into one projection version: the fact, or why it cannot be counted (its factor
 * set is unusable, the methodology refuses it or fails on it, or the result is above the
 * per-fact ceilings). Shared by the live projector and the rebuilds. Only a failure to load the
 * factor set (the database) is thrown: it is not the event's fault, and the batch is retried.
 */
export async function projectActivity(
  event: ActivityRecorded,
  target: ProjectionTarget,
  factorSets: FactorSetCatalog | undefined,
  computeOptions: ComputeOptions | undefined,
): Promise<ActivityProjection> {
  let factorSet = computeOptions?.factorSet;
  if (factorSets) {
    try {
      factorSet = await factorSets.get(event.tenant, target.factorSetVersion);
    } catch (error) {
      if (error instanceof UnusableFactorSetError)
        return { ok: false, stage: 'factor-set', field: error.field, reason: error.reason };
      throw error;
    }
  }
  let result;
  try {
    result = computeEmissions(
      { ...event.payload, tenant: event.tenant, projectId: event.projectId },
      { ...computeOptions, factorSet },
    );
  } catch (error) {
    if (error instanceof MethodologyInputError)
      return { ok: false, stage: 'compute', field: error.field, reason: error.reason };
    // A methodology bug or an absurd factor: this event's, not the partition's.
    return { ok: false, stage: 'compute', field: 'result', reason: (error as Error).message };
  }
  const ceiling = factCeilingProblem(result);
  if (ceiling) return { ok: false, stage: 'ceiling', ...ceiling };
  return {
    ok: true,
    fact: {
      tenant: event.tenant,
      projectId: event.projectId,
      eventId: event.id,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      artifactId: event.payload.artifact?.id,
      activityKind: event.payload.kind,
      projectionVersion: target.version,
      result,
    },
  };
}
