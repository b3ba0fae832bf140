import {
  meteredPeriodFactId,
  type ActivityRecorded,
  type MeteredPeriodRecorded,
} from '@greenops/contracts';
import type { Activity, EmissionResult } from '@greenops/domain';
import {
  allocateMeteredReading,
  computeEmissions,
  factCeilingProblem,
  MethodologyInputError,
  type ComputeOptions,
} from '@greenops/methodology';
import type { ProjectionStage } from '@greenops/persistence';
import type { FactorSet, FactorSetCatalog } from '@greenops/factors';
import type { EmissionFactInput } from './projection-store.port';
import { UnusableFactorSetError } from '@greenops/factors';

export interface ProjectionTarget {
  version: number;
  factorSetVersion: string | null;
}

/** The events that become emission facts. */
export type CountableEvent = ActivityRecorded | MeteredPeriodRecorded;

type Failure = { ok: false; stage: ProjectionStage; field: string; reason: string };

export type EventProjection = { ok: true; facts: EmissionFactInput[] } | Failure;

/**
 * One countable event into one projection version: its facts (one for an activity; one per
 * output and component for a metered period), or why it cannot be counted (its factor set is
 * unusable, the methodology refuses it or fails on it, or a result is above the per-fact
 * ceilings). Shared by the live projector and the rebuilds. Only a failure to load the factor
 * set (the database) is thrown: it is not the event's fault, and the batch is retried.
 */
export async function projectEvent(
  event: CountableEvent,
  target: ProjectionTarget,
  factorSets: FactorSetCatalog | undefined,
  computeOptions: ComputeOptions | undefined,
): Promise<EventProjection> {
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
  const options = { ...computeOptions, factorSet };
  const computed = compute(() =>
    event.type === 'ActivityRecorded'
      ? [activityFact(event, computeEmissions(activityOf(event), options))]
      : meteredPeriodFacts(event, options),
  );
  if (!computed.ok) return computed;
  for (const fact of computed.facts) {
    const ceiling = factCeilingProblem(fact.result);
    if (ceiling) return { ok: false, stage: 'ceiling', ...ceiling };
  }
  // The facts were made just above for this target alone: labelled in place, not copied.
  for (const fact of computed.facts) fact.projectionVersion = target.version;
  return computed;
}

function compute(facts: () => EmissionFactInput[]): EventProjection {
  try {
    return { ok: true, facts: facts() };
  } catch (error) {
    if (error instanceof MethodologyInputError)
      return { ok: false, stage: 'compute', field: error.field, reason: error.reason };
    // A methodology bug or an absurd factor: this event's, not the partition's.
    return { ok: false, stage: 'compute', field: 'result', reason: (error as Error).message };
  }
}

/**
 * The activity an ActivityRecorded event carries, as the methodology takes it. Built field by
 * field: spreading the parsed payload cost more than the render model itself (the contract
 * check leaves the payload no other field).
 */
export function activityOf(event: ActivityRecorded): Activity {
  const p = event.payload;
  const activity: Activity = {
    tenant: event.tenant,
    projectId: event.projectId,
    kind: p.kind,
    name: p.name,
    traceId: p.traceId,
    spanId: p.spanId,
    startTime: p.startTime,
    endTime: p.endTime,
    durationS: p.durationS,
    measurements: p.measurements,
  };
  if (p.artifact !== undefined) activity.artifact = p.artifact;
  return activity;
}

function activityFact(event: ActivityRecorded, result: EmissionResult): EmissionFactInput {
  return {
    tenant: event.tenant,
    projectId: event.projectId,
    eventId: event.id,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    artifactId: event.payload.artifact?.id,
    activityKind: event.payload.kind,
    result,
  };
}

/**
 * A metered period's lines as facts of their outputs' projects, at the period's start. Each
 * line's id is stable across readings of the period, so a corrected reading replaces the
 * earlier allocation (docs/architecture.md, "Corrections").
 */
function meteredPeriodFacts(
  event: MeteredPeriodRecorded,
  options: ComputeOptions & { factorSet?: FactorSet },
): EmissionFactInput[] {
  const reading = event.payload;
  return allocateMeteredReading(event.tenant, reading, options).map((line) => {
    const output = reading.outputs[line.output];
    return {
      tenant: event.tenant,
      projectId: output.projectId,
      eventId: meteredPeriodFactId(event.tenant, reading.periodId, line.outputId, line.component),
      occurredAt: new Date(Date.parse(reading.from)).toISOString(),
      recordedAt: event.recordedAt,
      artifactId: output.artifactId,
      activityKind: 'metered.period',
      result: line.result,
    };
  });
}
