import { averageIntensity } from '@tgwf/co2/data';
import type { Factor } from '../factor';
import { ISO_ALPHA2_TO_ALPHA3 } from './iso-country-codes';
import { CT_2026, EMBER_VIA_CO2JS } from './sources';

/**
 * @tgwf/co2 takes the latest Ember year per country and does not record it; at 0.19.0 that is
 * 2023–2024 depending on the country. We label the set 2024 and say so in each note.
 */
const EMBER_YEAR = 2024;

/**
 * Location-based grid intensity per country, gCO2e/kWh: read from @tgwf/co2/data rather than
 * copied (docs/methodology.md §4). Keyed `grid.location.<ISO alpha-2>`; `grid.location.WORLD` is the fallback.
 */
export function emberGridFactors(): Factor[] {
  const data = averageIntensity.data;
  const out: Factor[] = [];
  for (const [alpha2, alpha3] of Object.entries(ISO_ALPHA2_TO_ALPHA3)) {
    const value = data[alpha3];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    out.push({
      id: `grid.location.${alpha2}`,
      value,
      unit: 'gCO2e/kWh',
      year: EMBER_YEAR,
      source: `${EMBER_VIA_CO2JS}, key ${alpha3}`,
      note: 'latest Ember year for this country at packaging',
    });
  }
  const world = data['WORLD'];
  if (typeof world === 'number') {
    out.push({
      id: 'grid.location.WORLD',
      value: world,
      unit: 'gCO2e/kWh',
      year: EMBER_YEAR,
      source: `${EMBER_VIA_CO2JS}, key WORLD`,
      note: 'global default when neither a country nor a cloud region is known',
    });
  }
  return out;
}

/**
 * The report's own electricity factors (IEA Emissions Factors 2025), used in its case study
 * (Appendix 3 "Local compute" rows; §2 footnote 2 uses US 0.410 kgCO2e/kWh).
 */
export const CARBON_TRUST_2026_GRID_FACTORS: Factor[] = [
  {
    id: 'grid.location.US',
    value: 410,
    unit: 'gCO2e/kWh',
    year: 2025,
    source: `${CT_2026}, Appendix 3 "Local compute, US" 0.410 kgCO2e/kWh (IEA Emissions Factors 2025)`,
  },
  {
    id: 'grid.location.GB',
    value: 222,
    unit: 'gCO2e/kWh',
    year: 2025,
    source: `${CT_2026}, Appendix 3 "Local compute, UK" 0.222 kgCO2e/kWh (IEA Emissions Factors 2025)`,
  },
  {
    id: 'grid.location.FR',
    value: 64,
    unit: 'gCO2e/kWh',
    year: 2025,
    source: `${CT_2026}, Appendix 3 "Local compute, France" 0.064 kgCO2e/kWh (IEA Emissions Factors 2025)`,
  },
];
