import type { Factor } from '../factor';
import { GREENOPS_ASSUMPTION } from './sources';

const DESNZ = 'UK DESNZ, GHG conversion factors for company reporting 2024, condensed set, "Fuels"';
const UNVERIFIED = 'rounded to 3 s.f.; check against the 2024 flat file before assurance';

/** Fuel burnt in generators / own vehicles: Scope 1, kgCO2e per litre (combustion, excl. well-to-tank). */
export const FUEL_FACTORS: Factor[] = [
  { id: 'fuel.diesel.kg-per-litre', value: 2.51, low: 2.49, high: 2.66, unit: 'kgCO2e/litre', year: 2024,
    source: `${DESNZ}: diesel (average biofuel blend); high = 100 % mineral diesel`, note: UNVERIFIED },
  { id: 'fuel.petrol.kg-per-litre', value: 2.09, low: 2.07, high: 2.34, unit: 'kgCO2e/litre', year: 2024,
    source: `${DESNZ}: petrol (average biofuel blend); high = 100 % mineral petrol`, note: UNVERIFIED },
  { id: 'fuel.hvo.kg-per-litre', value: 0.0357, low: 0.0321, high: 0.0393, unit: 'kgCO2e/litre', year: 2024,
    source: `${DESNZ} "Bioenergy": HVO, Scope 1 (CH4 and N2O; biogenic CO2 is reported outside of scopes); band ±10 %`,
    note: `${UNVERIFIED}; supply-chain (well-to-tank) emissions of HVO are not in Scope 1 and not included here` },
];

/**
 * Typical draw of on-set lighting for what-if comparisons (same light output): LED fixtures
 * draw a fraction of HMI and tungsten. Seed 000 names high-power lighting among the largest
 * on-set sources; the wattages are typical fixture ratings (GreenOps assumption, documented).
 */
export const LIGHTING_FACTORS: Factor[] = [
  { id: 'lighting.tungsten.w', value: 2000, low: 1000, high: 5000, unit: 'W/fixture', year: 2026,
    source: `${GREENOPS_ASSUMPTION}: 2 kW tungsten fresnel, a common studio/location fixture rating` },
  { id: 'lighting.hmi.w', value: 1200, low: 575, high: 1800, unit: 'W/fixture', year: 2026,
    source: `${GREENOPS_ASSUMPTION}: 1.2 kW HMI (575 W–1.8 kW range of common heads); roughly tungsten's output at ~¼ of its draw per lumen` },
  { id: 'lighting.led.w', value: 400, low: 200, high: 600, unit: 'W/fixture', year: 2026,
    source: `${GREENOPS_ASSUMPTION}: LED panel/fresnel replacing a 2 kW tungsten at similar output` },
];
