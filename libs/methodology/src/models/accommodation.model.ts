import type { Activity, EmissionResult } from '@greenops/domain';
import { ATTR } from '../attributes';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { directResult } from '../result';
import { SCOPES } from '../scope';
import { factorRange, multiplyRanges, pointRange } from '../uncertainty';
import { nonNegative } from '../validate';

/** `accommodation`: room-nights × DESNZ hotel-stay factor for the country (UK figure as proxy elsewhere). Scope 3 cat 6. */
export function accommodationEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const nights = nonNegative(activity.measurements.accommodationNights, ATTR.nights);
  if (nights === undefined)
    throw new MethodologyInputError(ATTR.nights, 'accommodation needs the number of room-nights');
  const country = activity.measurements.country?.toUpperCase();
  const f =
    (country && trail.tryUse(`accommodation.hotel.${country}`)) ||
    trail.use('accommodation.hotel.default');
  const grams = multiplyRanges(factorRange(f), pointRange(nights * 1000));
  return directResult(
    {
      emissionsG: grams,
      tier: 'proxy',
      scope: SCOPES.businessTravel,
      modelId: 'accommodation.room-night',
    },
    trail,
  );
}
