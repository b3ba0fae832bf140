import type { Factor } from '../factor';
import { DESNZ_2025, julesCopy } from './desnz-2025.source';
import { GREENOPS_ASSUMPTION } from './sources';

/**
 * UK DESNZ GHG conversion factors 2025, business travel and hotel tables, exactly as published
 * (5 decimal places). kgCO2e per passenger-km (air, rail, ferry), per vehicle-km (car, van,
 * taxi) or per room-night (hotel). Each value was read from a public copy of the 2025 flat file
 * (see `julesCopy`); the flat-file ID is in the source.
 */
const AIR = julesCopy('defra_factors_2025_v2/category_business_travel_air.csv');
const CARS = julesCopy('defra_factors_2025_v2/category_business_travel_land.csv');
const TAXI = julesCopy('backend/insert_statements_part_4.sql');
const RAIL = julesCopy('backend/insert_statements_part_5.sql');
const SEA = julesCopy('backend/insert_statements_part_3.sql');
const FREIGHT = julesCopy('defra_factors_2025_v2/category_freighting_goods.csv');
const HOTEL = julesCopy('backend/insert_statements_part_8.sql');

/** ±10 % band: a GreenOps assumption for fleet, route and occupancy spread around a national average. */
function pm10(value: number): Pick<Factor, 'value' | 'low' | 'high'> {
  return { value, low: value * 0.9, high: value * 1.1 };
}

/** Flights: nominal/high = with radiative forcing (DESNZ recommends), low = without RF. */
function flight(
  id: string,
  haul: string,
  cls: string,
  withRf: number,
  withoutRf: number,
  flatIds: string,
): Factor {
  return {
    id: `travel.flight.${id}`,
    value: withRf,
    low: withoutRf,
    high: withRf,
    unit: 'kgCO2e/passenger-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- air" > Flights > ${haul} > ${cls}, With RF (nominal, high) / Without RF (low), flat-file IDs ${flatIds}; ${AIR}`,
    note: 'With RF multiplies the CO2 component by 1.7 (e.g. long-haul business CO2 rows 0.33652 / 0.19795); DESNZ says its factors already include an 8 % great-circle uplift (methodology paper, not re-checked here), so pass great-circle km',
  };
}

export const TRAVEL_FACTORS: Factor[] = [
  flight(
    'domestic.average',
    'Domestic, to/from UK',
    'Average passenger',
    0.22928,
    0.13552,
    '21_316_3160_11_1 / 3161_11_1',
  ),
  flight(
    'short-haul.average',
    'Short-haul, to/from UK',
    'Average passenger',
    0.12786,
    0.07559,
    '21_316_3162_11_1 / 3163_11_1',
  ),
  flight(
    'short-haul.economy',
    'Short-haul, to/from UK',
    'Economy class',
    0.12576,
    0.07435,
    '21_316_3164_11_1 / 3165_11_1',
  ),
  flight(
    'short-haul.business',
    'Short-haul, to/from UK',
    'Business class',
    0.18863,
    0.11152,
    '21_316_3166_11_1 / 3167_11_1',
  ),
  flight(
    'long-haul.average',
    'Long-haul, to/from UK',
    'Average passenger',
    0.15282,
    0.09043,
    '21_316_3168_11_1 / 3169_11_1',
  ),
  flight(
    'long-haul.economy',
    'Long-haul, to/from UK',
    'Economy class',
    0.11704,
    0.06926,
    '21_316_3170_11_1 / 3171_11_1',
  ),
  flight(
    'long-haul.premium-economy',
    'Long-haul, to/from UK',
    'Premium economy class',
    0.18726,
    0.11081,
    '21_316_3172_11_1 / 3173_11_1',
  ),
  flight(
    'long-haul.business',
    'Long-haul, to/from UK',
    'Business class',
    0.3394,
    0.20083,
    '21_316_3174_11_1 / 3175_11_1',
  ),
  flight(
    'long-haul.first',
    'Long-haul, to/from UK',
    'First class',
    0.46814,
    0.27701,
    '21_316_3176_11_1 / 3177_11_1',
  ),
  {
    id: 'travel.flight.short-haul-max-km',
    value: 3700,
    unit: 'km',
    year: 2025,
    source: `${GREENOPS_ASSUMPTION}: distance proxy for DESNZ haul bands. DESNZ assigns haul by destination ("Haul definition" tab: short-haul = Europe, long-haul = beyond); its methodology paper describes short-haul as roughly up to 3,700 km`,
    note: 'haul chosen from distance; a flight under 500 km with no country info is treated as domestic',
  },
  {
    id: 'travel.flight.domestic-max-km',
    value: 500,
    unit: 'km',
    year: 2025,
    source: `${GREENOPS_ASSUMPTION}: UK domestic flights are typically under 500 km great-circle (DESNZ defines domestic by route, not distance; its CAA-based average domestic sector is about 434 km)`,
  },
  {
    id: 'travel.car.average',
    ...pm10(0.16725),
    unit: 'kgCO2e/vehicle-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- land" > Cars (by size) > Average car > Unknown fuel > km, flat-file ID 25_301_3074_4_1; ${CARS}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'travel.car.diesel',
    ...pm10(0.17304),
    unit: 'kgCO2e/vehicle-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- land" > Cars (by size) > Average car > Diesel > km, flat-file ID 25_301_3069_4_1; ${CARS}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'travel.car.petrol',
    ...pm10(0.16272),
    unit: 'kgCO2e/vehicle-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- land" > Cars (by size) > Average car > Petrol > km, flat-file ID 25_301_3070_4_1; ${CARS}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'travel.van.average',
    ...pm10(0.25561),
    unit: 'kgCO2e/vehicle-km',
    year: 2025,
    source: `${DESNZ_2025}, "Freighting goods" > Vans > Average (up to 3.5 tonnes) > Diesel > km, flat-file ID 27_303_3102_4_1 (per vehicle-km); ${FREIGHT}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'travel.taxi.regular',
    ...pm10(0.20806),
    unit: 'kgCO2e/vehicle-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- land" > Taxis > Regular taxi > km (per vehicle-km), flat-file ID 25_313_3141_4_1; ${TAXI}; band ±10 % (${GREENOPS_ASSUMPTION})`,
    note: 'DESNZ also publishes 0.14861 per passenger-km (ID 25_313_3141_11_1, average occupancy); the model counts the taxi once per vehicle-km',
  },
  {
    id: 'travel.rail.national',
    ...pm10(0.03546),
    unit: 'kgCO2e/passenger-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- land" > Rail > National rail > passenger.km, flat-file ID 25_315_3147_11_1; ${RAIL}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'travel.ferry.foot-passenger',
    ...pm10(0.01871),
    unit: 'kgCO2e/passenger-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- sea" > Ferry > Foot passenger > passenger.km, flat-file ID 23_318_3188_11_1; ${SEA}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'travel.ferry.car-passenger',
    ...pm10(0.12933),
    unit: 'kgCO2e/passenger-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- sea" > Ferry > Car passenger > passenger.km, flat-file ID 23_318_3189_11_1; ${SEA}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'travel.ferry.average',
    ...pm10(0.1127),
    unit: 'kgCO2e/passenger-km',
    year: 2025,
    source: `${DESNZ_2025}, "Business travel- sea" > Ferry > Average (all passenger) > passenger.km, flat-file ID 23_318_3190_11_1; ${SEA}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'accommodation.hotel.GB',
    ...pm10(10.4),
    unit: 'kgCO2e/room-night',
    year: 2025,
    source: `${DESNZ_2025}, "Hotel stay" > UK > Room per night, flat-file ID 29_600_4000_13_1; ${HOTEL}; band ±10 % (${GREENOPS_ASSUMPTION})`,
  },
  {
    id: 'accommodation.hotel.default',
    value: 10.4,
    low: 4.7,
    high: 152.2,
    unit: 'kgCO2e/room-night',
    year: 2025,
    source: `DESNZ 2025 "Hotel stay" UK figure (10.4) used as a proxy where no country figure is shipped; band = lowest to highest country figure in the same 2025 table (Costa Rica 4.7, ID 29_600_4011_13_1; Maldives 152.2, ID 29_600_4031_13_1); ${HOTEL}`,
    note: 'publish accommodation.hotel.<ISO2> factors to use country figures',
  },
];
