import type { ActivityMeasurements, FacilityType, Range } from '@greenops/domain';
import { CLOUD_PROVIDER_PUE_FACTOR, type DeviceEntry } from '@greenops/factors';
import { ATTR } from './attributes';
import { MethodologyInputError } from './errors';
import type { FactorTrail } from './factor-trail';
import { factorRange, pointRange } from './uncertainty';

/** Where an activity's electricity is used when neither a provider nor a facility is named. */
export type PueDefault = 'on-premises' | 'ai-service';

export interface ResolvedPue {
  /** Facility ÷ IT energy, with the factor's band (nominal is `pue.nominal`). */
  pue: Range;
  notes: string[];
}

const FACILITY_TYPES: readonly FacilityType[] = ['workstation', 'server-room', 'data-centre'];
const FACILITY_PUE_FACTOR: Record<FacilityType, string> = {
  workstation: 'pue.on-premises',
  'server-room': 'pue.server-room',
  'data-centre': 'pue.industry-average',
};

/**
 * Facility overhead (PUE) as a range, in order (docs/methodology.md §3):
 * 1. `greenops.energy.boundary` = facility: the measured kWh already include the overhead → 1;
 * 2. span `greenops.pue`;
 * 3. the cloud provider's fleet PUE, band up to the industry average (an unknown provider: the
 *    industry average 1.56, except AI bought as a service: the report's 1.1, as when no provider
 *    is named — naming a provider we do not know must not make the estimate worse);
 * 4. `greenops.facility.type` (workstation 1.0, server room 1.8 (1.5–2.1), data centre 1.56);
 * 5. the device's own facility (data-centre GPUs sit in a server room on premises);
 * 6. the default: a desk-side workstation (1.0) on premises, 1.1 for AI bought as a service.
 */
export function resolvePue(
  m: ActivityMeasurements,
  trail: FactorTrail,
  fallback: PueDefault,
  device?: DeviceEntry,
): ResolvedPue {
  const facilityType = checkFacilityType(m.facilityType);
  if (energyBoundary(m) === 'facility') {
    if (m.energyKwh === undefined) {
      throw new MethodologyInputError(
        ATTR.energyBoundary,
        `facility says ${ATTR.energyKwh} includes facility overhead, but ${ATTR.energyKwh} is missing`,
      );
    }
    if (m.pue !== undefined) {
      throw new MethodologyInputError(
        ATTR.pue,
        `must not be set when ${ATTR.energyBoundary} is facility: the energy already includes the overhead`,
      );
    }
    return {
      pue: pointRange(1),
      notes: ['energy boundary: facility (overhead already in the measured kWh, no PUE applied)'],
    };
  }
  if (m.pue !== undefined) {
    if (typeof m.pue !== 'number' || !Number.isFinite(m.pue) || m.pue < 1 || m.pue > 5) {
      throw new MethodologyInputError(
        ATTR.pue,
        `PUE must be a number in [1, 5], got ${String(m.pue)}`,
      );
    }
    return { pue: pointRange(m.pue), notes: [] };
  }
  if (m.cloudProvider) {
    const known = CLOUD_PROVIDER_PUE_FACTOR[normaliseProvider(m.cloudProvider)];
    const id = known ?? (fallback === 'ai-service' ? 'pue.ai-service' : 'pue.industry-average');
    return { pue: factorRange(trail.use(id)), notes: [] };
  }
  const facility = facilityType ?? device?.facility;
  if (facility) return { pue: factorRange(trail.use(FACILITY_PUE_FACTOR[facility])), notes: [] };
  return {
    pue: factorRange(trail.use(fallback === 'ai-service' ? 'pue.ai-service' : 'pue.on-premises')),
    notes: [],
  };
}

/** `it` unless the span says `facility`; anything else is a named input error. */
export function energyBoundary(m: ActivityMeasurements): 'it' | 'facility' {
  const b = m.energyBoundary ?? 'it';
  if (b !== 'it' && b !== 'facility') {
    throw new MethodologyInputError(
      ATTR.energyBoundary,
      `must be it or facility, got ${JSON.stringify(b)}`,
    );
  }
  return b;
}

function checkFacilityType(value: FacilityType | undefined): FacilityType | undefined {
  if (value === undefined) return undefined;
  if (!FACILITY_TYPES.includes(value)) {
    throw new MethodologyInputError(
      ATTR.facilityType,
      `must be one of ${FACILITY_TYPES.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function normaliseProvider(provider: string): string {
  return provider.trim().toLowerCase();
}
