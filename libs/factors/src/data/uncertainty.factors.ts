import type { Factor } from '../factor';
import { CT_2026, GREENOPS_ASSUMPTION } from './sources';

/** Relative bands applied where the input itself, not a catalogue factor, carries the uncertainty. */
export const UNCERTAINTY_FACTORS: Factor[] = [
  {
    id: 'uncertainty.span-power.relative',
    value: 0.1,
    unit: 'fraction',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}: a reported average draw (greenops.hw.power_w) is modelled energy; ±10 % covers averaging and utilisation error`,
    note: 'measured energy (greenops.energy.kwh) carries no band: report Table 7 tier 1, Table 14 "High (measured)"',
  },
  {
    id: 'uncertainty.embodied-override.relative',
    value: 0.25,
    unit: 'fraction',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}; ${CT_2026} Table 13 rates bottom-up embodied estimates "Medium" uncertainty`,
    note: 'band applied to embodied figures supplied on the span (greenops.hw.embodied_kgco2e)',
  },
  {
    id: 'uncertainty.video.proxy',
    value: 1,
    low: 0.5,
    high: 2,
    unit: 'ratio to the WAN2.1-T2V-1.3B estimate',
    year: 2026,
    uncertaintyRating: 'medium-to-high',
    source: `${CT_2026} Table 13 rates cloud video generation "Medium-to-high" (a single study of one text-to-video model, §5); band ×0.5–×2 ${GREENOPS_ASSUMPTION} for that rating`,
    note: 'applied to the energy of video estimates the diffusion model was not calibrated for: an unregistered model, the credits proxy, or a resolution outside the calibrated 720p–1080p',
  },
];
