import type { Activity, ActivityKind } from '@greenops/domain';
import type { CheckedScenario } from './what-if.scenario';
import { APPLIED, notApplied, type PartOutcome } from './what-if.outcome';

/** Kinds whose emissions are electricity × grid intensity (docs/methodology.md); travel and hotels are per unit. */
const ELECTRICITY_KINDS: readonly ActivityKind[] = [
  'render',
  'workstation',
  'ai.inference',
  'transfer',
  'storage',
  'onset.energy',
];
/** Work that can run in a cloud region: desks, networks and sets cannot move there. */
const CLOUD_MOVABLE_KINDS: readonly ActivityKind[] = ['render', 'ai.inference', 'storage'];

/** Electricity-based unless it is generator fuel (litres are Scope 1, no grid). */
export function usesGridElectricity(activity: Activity): boolean {
  return (
    ELECTRICITY_KINDS.includes(activity.kind) &&
    !(activity.kind === 'onset.energy' && activity.measurements.fuel?.litres !== undefined)
  );
}

/**
 * The scenario's grid: a country replaces the activity's grid (its cloud region is dropped, its
 * provider kept for the PUE); a cloud provider + region replaces where data-centre work runs.
 * Span-stated intensities described the old location, so they are dropped: the tenant's factor
 * set prices the new grid (location-based, and market-based where it holds a contract figure).
 */
export function applyGrid(
  activity: Activity,
  scenario: CheckedScenario,
): { activity: Activity; outcome: PartOutcome } {
  if (!usesGridElectricity(activity)) {
    return { activity, outcome: notApplied('not grid electricity (fuel, travel or hotel nights)') };
  }
  const {
    intensityGPerKwh: _location,
    marketIntensityGPerKwh: _market,
    ...m
  } = activity.measurements;
  if (scenario.country !== undefined) {
    const { cloudRegion: _region, ...rest } = m;
    return {
      activity: { ...activity, measurements: { ...rest, country: scenario.country } },
      outcome: APPLIED,
    };
  }
  if (!CLOUD_MOVABLE_KINDS.includes(activity.kind)) {
    return {
      activity,
      outcome: notApplied('desk-side, network or on-set work does not move to a cloud region'),
    };
  }
  const { country: _country, ...rest } = m;
  return {
    activity: {
      ...activity,
      measurements: {
        ...rest,
        cloudProvider: scenario.cloudProvider,
        cloudRegion: scenario.cloudRegion,
      },
    },
    outcome: APPLIED,
  };
}
