import type { Factor } from '../factor';
import { CT_2026 } from './sources';

const APP3 = `${CT_2026}, Appendix 3`;
const DELAVANDE = 'Delavande, Pierrard & Luccioni (2025), WAN2.1-T2V-1.3B energy prediction model';

/**
 * Generative-AI factors: the report's calibration points and proxies (Appendix 3, §7.4.3).
 * Derived numbers show their arithmetic in `note`.
 */
export const AI_FACTORS: Factor[] = [
  // — video diffusion calibration (GPU energy, 8 s × 24 fps = 192 frames, 50 steps) —
  {
    id: 'ai.video.wan2.1-t2v-1.3b.calibration.720p.gpu-wh',
    uncertaintyRating: 'medium-to-high',
    value: 381,
    unit: 'Wh/video',
    year: 2026,
    source: `${APP3} "inference GPU energy of 381 Wh … per 8-second video & 24 fps at 720p", derived with ${DELAVANDE}`,
  },
  {
    id: 'ai.video.wan2.1-t2v-1.3b.calibration.1080p.gpu-wh',
    uncertaintyRating: 'medium-to-high',
    value: 1847,
    unit: 'Wh/video',
    year: 2026,
    source: `${APP3} "1,847 Wh per 8-second video & 24 fps at … 1080p", derived with ${DELAVANDE}`,
  },
  {
    id: 'ai.video.other-it-uplift',
    uncertaintyRating: 'medium-to-high',
    value: 1.178,
    unit: 'ratio',
    year: 2026,
    source: `${APP3}: total inference energy incl. other IT and PUE 1.1 is 494 Wh and 2,391 Wh`,
    note: 'other IT (CPU, RAM, host) ÷ GPU: 494/381/1.1 = 1.1787, 2391/1847/1.1 = 1.1769; nominal 1.178 (their mean, 3 s.f.)',
  },
  {
    id: 'ai.video.default-steps',
    value: 50,
    unit: 'denoising steps',
    year: 2026,
    source: `${CT_2026} §5.2 and Appendix 3: 50 denoising steps (WAN2.1 default) for nominal videos`,
  },
  {
    id: 'ai.video.credits-per-second',
    uncertaintyRating: 'medium-to-high',
    value: 15,
    unit: 'credits/s',
    year: 2026,
    source: `${CT_2026} §7.4.3: "15 credits per second of video based on Runway ML API pricing"`,
  },
  {
    id: 'ai.video.proxy.fps',
    value: 24,
    unit: 'frames/s',
    year: 2026,
    source: `${CT_2026} §7.4.3: "All videos were generated at 720p and 24 fps"`,
  },
  {
    id: 'ai.video.proxy.width-px',
    value: 1280,
    unit: 'px',
    year: 2026,
    source: `${CT_2026} §7.4.3: 720p (1280×720)`,
  },
  {
    id: 'ai.video.proxy.height-px',
    value: 720,
    unit: 'px',
    year: 2026,
    source: `${CT_2026} §7.4.3: 720p (1280×720)`,
  },

  // — training (model creation) uplift for cloud AI: 0.1× / 0.5× / 1.0× of inference —
  {
    id: 'ai.training.uplift',
    uncertaintyRating: 'medium-to-high',
    value: 0.5,
    low: 0.1,
    high: 1.0,
    unit: 'ratio of inference emissions',
    year: 2026,
    source: `${CT_2026} §7.4.3 and Appendix 3: "Training assumes a range of 0.1x, 0.5x and 1.0x inference (low, nominal, high)"`,
  },

  {
    id: 'ai.training.reference-intensity',
    value: 410,
    unit: 'gCO2e/kWh',
    year: 2025,
    uncertaintyRating: 'medium-to-high',
    source: `${CT_2026} §5 and App. 3: the training uplift is a multiple of inference emissions on the US grid (0.410 kgCO2e/kWh, IEA Emissions Factors 2025), the grid of the report's sensitivity analysis`,
    note: 'turns the uplift into grams of model creation per kWh of inference energy (Table 6 option 1a): u × 410 g/kWh, whatever grid the inference itself ran on; override with the grid the model was trained on when known',
  },

  // — cloud AI embodied: 5 % of the US-grid lifecycle total —
  {
    id: 'ai.cloud.embodied-share-us',
    uncertaintyRating: 'medium-to-high',
    value: 0.05,
    unit: 'fraction of total',
    year: 2026,
    source: `${APP3}: "Embodied carbon is estimated as 5% of total carbon impact on the US grid"`,
  },
  {
    id: 'ai.cloud.embodied-reference-intensity',
    value: 410,
    unit: 'gCO2e/kWh',
    year: 2025,
    source: `${APP3}: US grid 0.410 kgCO2e/kWh (IEA Emissions Factors 2025), the grid the 5 % share refers to`,
  },

  // — image generation, per image —
  {
    id: 'ai.image.gpu-wh-per-image',
    uncertaintyRating: 'medium-to-high',
    value: 2.907,
    unit: 'Wh/image',
    year: 2024,
    source: `${APP3}: "2.907 kWh/1000 queries for image generation inference (Luccioni, Jernite, & Strubell, 2024)"`,
  },
  {
    id: 'ai.image.other-it-uplift',
    uncertaintyRating: 'medium-to-high',
    value: 1.29 / 1.1,
    unit: 'ratio',
    year: 2026,
    source: `${APP3}: "uplift of additional 29% to account for other IT components and PUE (assuming PUE of 1.1)"`,
    note: 'other IT alone = 1.29 / 1.1 = 1.1727; PUE is applied separately',
  },

  // — upscaling, per MP-second at 30 fps (facility energy at the report's PUE 1.1) —
  {
    id: 'ai.upscale.facility-wh-per-mp-second',
    uncertaintyRating: 'high',
    value: (3.68 + 22.11) / 2,
    low: 3.68,
    high: 22.11,
    unit: 'Wh/MP-s @30fps',
    year: 2026,
    source: `${APP3}: "$0.1/MP-second at 30 fps … 0.35 and 0.7 Wh/1k tokens (Oviedo et al., 2026), resulting in a range of 3.68 to 22.11 Wh/MP-second"`,
    note: 'nominal = midpoint 12.895; the report multiplies this directly by grid intensity, so it is taken as facility energy at PUE 1.1. The stated inputs give 0.1 $/(15 $/M tokens) × 0.35 Wh/1k = 2.33 to 0.1 $/(5 $/M) × 0.7 Wh/1k = 14.0 Wh/MP-s: the published range is 1.58× that (docs/methodology.md, report inconsistencies)',
  },
  {
    id: 'ai.upscale.reference-fps',
    value: 30,
    unit: 'frames/s',
    year: 2026,
    source: `${APP3}: Crystal Video pricing "per MP-second at 30 fps"`,
  },

  // — text, per 1k output tokens —
  {
    id: 'ai.text.wh-per-1k-tokens',
    value: 0.525,
    low: 0.35,
    high: 0.7,
    unit: 'Wh/1k tokens',
    year: 2026,
    source: `${APP3} (upscaling note): energy per token from Oviedo et al. (2026), "between 0.35 and 0.7 Wh/1k tokens"`,
    note: 'nominal = midpoint; applied to output tokens (App. 6: output length drives LLM energy)',
  },
];

/**
 * Open model run locally (Appendix 3 "Local compute (training)"): scenarios of training
 * emissions, users, videos per user, 93 Wh per 720p inference (GPU+CPU+RAM).
 */
const WAN_SCENARIOS = {
  low: { trainingT: 50, users: 420_000, videosPerUser: 1000 },
  nominal: { trainingT: 100, users: 84_000, videosPerUser: 500 },
  high: { trainingT: 500, users: 16_800, videosPerUser: 250 },
} as const;
const WAN_WH_PER_INFERENCE = 93;

function perInferenceG(s: { trainingT: number; users: number; videosPerUser: number }): number {
  return (s.trainingT * 1e6) / (s.users * s.videosPerUser);
}
function perKwhG(s: { trainingT: number; users: number; videosPerUser: number }): number {
  return (s.trainingT * 1e6) / ((s.users * s.videosPerUser * WAN_WH_PER_INFERENCE) / 1000);
}

export const WAN_TRAINING_FACTORS: Factor[] = [
  {
    id: 'ai.model.wan2.1-t2v-1.3b.training-g-per-kwh',
    uncertaintyRating: 'high',
    unit: 'gCO2e/kWh of inference IT energy',
    year: 2026,
    value: perKwhG(WAN_SCENARIOS.nominal),
    low: perKwhG(WAN_SCENARIOS.low),
    high: perKwhG(WAN_SCENARIOS.high),
    source: `${APP3} "Local compute (training)" table: 0.001 / 0.026 / 1.280 kgCO2e/kWh (option 1a)`,
    note: 'nominal 100 t / (84,000 × 500 × 93 Wh) = 25.6 g/kWh; low 50 t / (420,000 × 1,000 × 93 Wh) = 1.28; high 500 t / (16,800 × 250 × 93 Wh) = 1,280',
  },
  {
    id: 'ai.model.wan2.1-t2v-1.3b.training-g-per-inference',
    uncertaintyRating: 'high',
    unit: 'gCO2e/inference',
    year: 2026,
    value: perInferenceG(WAN_SCENARIOS.nominal),
    low: perInferenceG(WAN_SCENARIOS.low),
    high: perInferenceG(WAN_SCENARIOS.high),
    source: `${APP3} "Local compute (training)" scenarios, allocated per inference (option 1b, Table 6)`,
    note: 'nominal 100 t / (84,000 × 500) = 2.381 g; low 50 t / 420,000,000 = 0.119 g; high 500 t / 4,200,000 = 119.05 g',
  },
];
