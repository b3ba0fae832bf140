import type { Factor } from '../factor';

/**
 * UK DESNZ "Greenhouse gas reporting: conversion factors 2024" (condensed set), business travel
 * tables. Values are kgCO2e per passenger-km (air, rail, ferry) or per vehicle-km (car, van,
 * taxi), rounded to 3 significant figures.
 * VERIFY before external assurance: these were entered from the published tables without a copy
 * of the flat file in the build environment; a tenant can republish exact values (same ids).
 */
const DESNZ = 'UK DESNZ, GHG conversion factors for company reporting 2024, condensed set';
const UNVERIFIED = 'rounded to 3 s.f.; check against the 2024 flat file before assurance';

/** Flights: nominal/high = with radiative forcing (DESNZ recommends), low = without RF. */
function flight(id: string, table: string, withRf: number, withoutRf: number): Factor {
  return {
    id: `travel.flight.${id}`, value: withRf, low: withoutRf, high: withRf, unit: 'kgCO2e/passenger-km', year: 2024,
    source: `${DESNZ}, "Business travel – air", ${table}, with RF (nominal) / without RF (low)`, note: UNVERIFIED,
  };
}

export const TRAVEL_FACTORS: Factor[] = [
  flight('domestic.average', 'Domestic, to/from UK, average passenger', 0.273, 0.161),
  flight('short-haul.average', 'Short-haul, to/from UK, average passenger', 0.186, 0.110),
  flight('short-haul.economy', 'Short-haul, to/from UK, economy class', 0.183, 0.108),
  flight('short-haul.business', 'Short-haul, to/from UK, business class', 0.274, 0.162),
  flight('long-haul.average', 'Long-haul, to/from UK, average passenger', 0.261, 0.154),
  flight('long-haul.economy', 'Long-haul, to/from UK, economy class', 0.200, 0.118),
  flight('long-haul.premium-economy', 'Long-haul, to/from UK, premium economy class', 0.320, 0.189),
  flight('long-haul.business', 'Long-haul, to/from UK, business class', 0.580, 0.343),
  flight('long-haul.first', 'Long-haul, to/from UK, first class', 0.801, 0.473),
  { id: 'travel.flight.short-haul-max-km', value: 3700, unit: 'km', year: 2024,
    source: `${DESNZ} methodology paper: short-haul flights up to 3,700 km, long-haul beyond; domestic = within the UK`,
    note: 'haul chosen from distance; a flight under 500 km with no country info is treated as domestic' },
  { id: 'travel.flight.domestic-max-km', value: 500, unit: 'km', year: 2024,
    source: `GreenOps assumption: UK domestic flights are typically under 500 km great-circle (DESNZ defines domestic by route, not distance)` },
  { id: 'travel.car.average', value: 0.167, low: 0.150, high: 0.184, unit: 'kgCO2e/vehicle-km', year: 2024,
    source: `${DESNZ}, "Passenger vehicles", average car, unknown fuel; band ±10 % for fleet mix`, note: UNVERIFIED },
  { id: 'travel.car.diesel', value: 0.171, low: 0.154, high: 0.188, unit: 'kgCO2e/vehicle-km', year: 2024,
    source: `${DESNZ}, "Passenger vehicles", average car, diesel; band ±10 %`, note: UNVERIFIED },
  { id: 'travel.car.petrol', value: 0.164, low: 0.148, high: 0.180, unit: 'kgCO2e/vehicle-km', year: 2024,
    source: `${DESNZ}, "Passenger vehicles", average car, petrol; band ±10 %`, note: UNVERIFIED },
  { id: 'travel.van.average', value: 0.250, low: 0.225, high: 0.275, unit: 'kgCO2e/vehicle-km', year: 2024,
    source: `${DESNZ}, "Delivery vehicles", average van (up to 3.5 t), diesel; band ±10 %`, note: UNVERIFIED },
  { id: 'travel.taxi.regular', value: 0.149, low: 0.134, high: 0.164, unit: 'kgCO2e/vehicle-km', year: 2024,
    source: `${DESNZ}, "Business travel – land", regular taxi, per vehicle km; band ±10 %`, note: UNVERIFIED },
  { id: 'travel.rail.national', value: 0.0355, low: 0.0320, high: 0.0391, unit: 'kgCO2e/passenger-km', year: 2024,
    source: `${DESNZ}, "Business travel – land", national rail; band ±10 %`, note: UNVERIFIED },
  { id: 'travel.ferry.foot-passenger', value: 0.0187, low: 0.0168, high: 0.0206, unit: 'kgCO2e/passenger-km', year: 2024,
    source: `${DESNZ}, "Business travel – sea", ferry, foot passenger; band ±10 %`, note: UNVERIFIED },
  { id: 'travel.ferry.car-passenger', value: 0.130, low: 0.117, high: 0.143, unit: 'kgCO2e/passenger-km', year: 2024,
    source: `${DESNZ}, "Business travel – sea", ferry, car passenger; band ±10 %`, note: UNVERIFIED },
  { id: 'travel.ferry.average', value: 0.113, low: 0.102, high: 0.124, unit: 'kgCO2e/passenger-km', year: 2024,
    source: `${DESNZ}, "Business travel – sea", ferry, average (all passengers); band ±10 %`, note: UNVERIFIED },
  { id: 'accommodation.hotel.GB', value: 10.4, low: 9.36, high: 11.44, unit: 'kgCO2e/room-night', year: 2024,
    source: `${DESNZ}, "Hotel stay", UK (Cornell Hotel Sustainability Benchmarking data); band ±10 %`, note: UNVERIFIED },
  { id: 'accommodation.hotel.default', value: 10.4, low: 5.2, high: 20.8, unit: 'kgCO2e/room-night', year: 2024,
    source: `${DESNZ} "Hotel stay" UK figure used as a proxy where no country figure is shipped; band ×0.5–×2 (GreenOps assumption: country figures in that table span roughly that range)`,
    note: 'publish accommodation.hotel.<ISO2> factors to use country figures' },
];
