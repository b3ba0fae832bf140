import type { Activity, EmissionResult } from '@greenops/domain';
import { usesGridElectricity } from './what-if.grid';
import { APPLIED, notApplied, type PartOutcome } from './what-if.outcome';

/**
 * The scenario's PUE replaces the facility overhead where the methodology applies one (§3 of
 * docs/methodology.md): a data centre, server room or cloud (PUE above 1 as recorded, or stated
 * by the span). Not where the energy was measured at the facility boundary, nor at a desk-side
 * workstation (no facility), nor on networks (the transfer model has no PUE).
 */
export function applyPue(
  activity: Activity,
  actual: EmissionResult,
  pue: number,
): { activity: Activity; outcome: PartOutcome } {
  const m = activity.measurements;
  if (!usesGridElectricity(activity))
    return { activity, outcome: notApplied('not grid electricity') };
  if (activity.kind === 'transfer') {
    return { activity, outcome: notApplied('the network model applies no PUE') };
  }
  if (m.energyBoundary === 'facility') {
    return {
      activity,
      outcome: notApplied('energy measured at the facility boundary (overhead already in the kWh)'),
    };
  }
  if (m.pue === undefined && actual.pue <= 1 && !m.cloudProvider) {
    return {
      activity,
      outcome: notApplied('runs at a desk-side workstation (no facility overhead)'),
    };
  }
  return { activity: { ...activity, measurements: { ...m, pue } }, outcome: APPLIED };
}
