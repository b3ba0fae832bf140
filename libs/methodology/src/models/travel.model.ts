import type { Activity, EmissionResult, TravelInputs } from '@greenops/domain';
import { ATTR } from '../attributes';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { directResult } from '../result';
import { SCOPES } from '../scope';
import { factorRange, multiplyRanges, pointRange } from '../uncertainty';
import { nonNegative, positive } from '../validate';
import { fuelFactorId } from './fuel';

/**
 * `travel` by DESNZ 2025 factors: passenger-km for flights, rail, ferry; vehicle-km for car, van,
 * taxi (a shared car is one vehicle). Flights: haul from distance, cabin class from
 * `greenops.travel.class`; nominal/high with radiative forcing, low without (both reported).
 * With `greenops.fuel.litres` on a car/van, the fuel burnt is used instead: Scope 1 when the
 * production runs the vehicle.
 */
export function travelEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const t = activity.measurements.travel;
  if (!t)
    throw new MethodologyInputError(
      ATTR.travelMode,
      'travel needs greenops.travel.mode and greenops.travel.distance_km',
    );
  const km = nonNegative(t.distanceKm, ATTR.travelDistance);
  if (km === undefined)
    throw new MethodologyInputError(ATTR.travelDistance, 'travel needs a distance in km');
  const passengers = positive(t.passengers, ATTR.travelPassengers) ?? 1;
  const fuel = activity.measurements.fuel;

  const litres = nonNegative(fuel?.litres, ATTR.fuelLitres);
  if ((t.mode === 'car' || t.mode === 'van') && fuel && litres !== undefined) {
    const kg = multiplyRanges(factorRange(trail.use(fuelFactorId(fuel.type))), pointRange(litres));
    return directResult(
      {
        emissionsG: multiplyRanges(kg, pointRange(1000)),
        tier: 'measured',
        scope: SCOPES.mobileCombustion,
        modelId: `travel.${t.mode}.fuel-litres`,
      },
      trail,
    );
  }
  const { factorId, perPassenger } = travelFactor(t, km, activity.measurements.fuel?.type, trail);
  const units = perPassenger ? km * passengers : km;
  const kg = multiplyRanges(factorRange(trail.use(factorId)), pointRange(units));
  return directResult(
    {
      emissionsG: multiplyRanges(kg, pointRange(1000)),
      tier: 'proxy',
      scope: SCOPES.businessTravel,
      modelId: `travel.${t.mode}.distance`,
    },
    trail,
  );
}

function travelFactor(
  t: TravelInputs,
  km: number,
  fuelType: string | undefined,
  trail: FactorTrail,
): { factorId: string; perPassenger: boolean } {
  switch (t.mode) {
    case 'flight':
      return { factorId: flightFactorId(km, t.cabinClass, trail), perPassenger: true };
    case 'rail':
      return { factorId: 'travel.rail.national', perPassenger: true };
    case 'ferry':
      return { factorId: 'travel.ferry.average', perPassenger: true };
    case 'taxi':
      return { factorId: 'travel.taxi.regular', perPassenger: false };
    case 'van':
      return { factorId: 'travel.van.average', perPassenger: false };
    case 'car': {
      const f = fuelType?.toLowerCase();
      return {
        factorId: f === 'diesel' || f === 'petrol' ? `travel.car.${f}` : 'travel.car.average',
        perPassenger: false,
      };
    }
    default:
      throw new MethodologyInputError(
        ATTR.travelMode,
        `unknown mode '${String(t.mode)}' (flight, car, van, rail, taxi, ferry)`,
      );
  }
}

function flightFactorId(km: number, cabinClass: string | undefined, trail: FactorTrail): string {
  if (km <= trail.use('travel.flight.domestic-max-km').value)
    return 'travel.flight.domestic.average';
  const longHaul = km > trail.use('travel.flight.short-haul-max-km').value;
  const c = (cabinClass ?? '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
  const cls =
    c === 'economy'
      ? 'economy'
      : c === 'premium-economy' || c === 'premium'
        ? 'premium-economy'
        : c === 'business'
          ? 'business'
          : c === 'first'
            ? 'first'
            : 'average';
  if (longHaul) return `travel.flight.long-haul.${cls}`;
  // DESNZ short-haul has economy, business and average only.
  const short = cls === 'premium-economy' ? 'economy' : cls === 'first' ? 'business' : cls;
  return `travel.flight.short-haul.${short}`;
}
