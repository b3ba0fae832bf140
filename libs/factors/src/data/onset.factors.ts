import type { Factor } from '../factor';
import { DESNZ_2025, FUEL_COPIES } from './desnz-2025.source';
import { GREENOPS_ASSUMPTION } from './sources';

/**
 * Fuel burnt in generators / own vehicles: Scope 1, kgCO2e per litre (combustion only, no
 * well-to-tank), DESNZ 2025 "Fuels" and "Bioenergy" tables. Band for fossil fuels: low = the UK
 * average biofuel blend (nominal), high = the same fuel with no biofuel (DESNZ "100% mineral"
 * row); a blend with more biofuel than the UK average is not covered.
 */
export const FUEL_FACTORS: Factor[] = [
  {
    id: 'fuel.diesel.kg-per-litre',
    value: 2.57082,
    low: 2.57082,
    high: 2.66155,
    unit: 'kgCO2e/litre',
    year: 2025,
    source: `${DESNZ_2025}, "Fuels" > Liquid fuels > Diesel (average biofuel blend) > litres; high = Diesel (100% mineral diesel) > litres; ${FUEL_COPIES}`,
    note: '2.57082 seen in four public copies (two labelled 2025); 2.66155 (100 % mineral) in two unlabelled copies whose other rows match 2025',
  },
  {
    id: 'fuel.petrol.kg-per-litre',
    value: 2.06916,
    low: 2.06916,
    high: 2.33984,
    unit: 'kgCO2e/litre',
    year: 2025,
    source: `${DESNZ_2025}, "Fuels" > Liquid fuels > Petrol (average biofuel blend) > litres; high = Petrol (100% mineral petrol) > litres; ${FUEL_COPIES}`,
    note: '2.06916 seen in two public copies (one labelled 2025); 2.33984 (100 % mineral) in one unlabelled copy whose other rows match 2025',
  },
  {
    id: 'fuel.hvo.kg-per-litre',
    value: 0.03558,
    low: 0.03558 * 0.9,
    high: 0.03558 * 1.1,
    unit: 'kgCO2e/litre',
    year: 2025,
    source: `${DESNZ_2025}, "Bioenergy" > Biofuel > Biodiesel HVO > litres (Scope 1: CH4 and N2O; biogenic CO2 is reported outside of scopes); ${FUEL_COPIES}; band ±10 % (${GREENOPS_ASSUMPTION})`,
    note: 'edition inferred: 0.03558 seen in one public copy (no repository name, not labelled with a year) whose other fuel rows match 2025-labelled copies; supply-chain (well-to-tank) emissions of HVO are not Scope 1 and not included here',
  },
];

/**
 * Typical draw of on-set lighting for what-if comparisons (same light output): LED fixtures
 * draw a fraction of HMI and tungsten. Production-sustainability guidance names high-power lighting among the largest
 * on-set sources; the wattages are typical fixture ratings (GreenOps assumption, documented).
 */
export const LIGHTING_FACTORS: Factor[] = [
  {
    id: 'lighting.tungsten.w',
    value: 2000,
    low: 1000,
    high: 5000,
    unit: 'W/fixture',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}: 2 kW tungsten fresnel, a common studio/location fixture rating`,
  },
  {
    id: 'lighting.hmi.w',
    value: 1200,
    low: 575,
    high: 1800,
    unit: 'W/fixture',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}: 1.2 kW HMI (575 W–1.8 kW range of common heads); roughly tungsten's output at ~¼ of its draw per lumen`,
  },
  {
    id: 'lighting.led.w',
    value: 400,
    low: 200,
    high: 600,
    unit: 'W/fixture',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}: LED panel/fresnel replacing a 2 kW tungsten at similar output`,
  },
];
