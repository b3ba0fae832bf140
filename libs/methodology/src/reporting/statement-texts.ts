/**
 * Texts of the methodological statement (CT 2026 §7.7 and §8.2: "to what extent these figures
 * are measured or estimated; measurement method, key assumptions and uncertainties; any
 * omissions"). Each names its source so the statement stands on its own.
 */

/** How each model id (or family) computes its figure. */
const MODEL_DESCRIPTIONS: Array<[RegExp, string]> = [
  [/\.measured-energy$/, 'measured energy × PUE × grid intensity (CT 2026 Table 7, method 1)'],
  [
    /\.catalogue-power-duration$/,
    'catalogue power × typical utilisation × duration (CT 2026 Table 7, method 4: proxy)',
  ],
  [/\.power-duration$/, 'reported average power × duration (bottom-up model, Table 7 method 2)'],
  [
    /^ai\.video\.diffusion\./,
    'video diffusion energy model after Delavande, Pierrard & Luccioni (2025), calibrated to CT 2026 App. 3 (Table 7, method 2)',
  ],
  [
    /^ai\.video\.credits-proxy\./,
    'credits → seconds (15 credits/s, CT 2026 §7.4.3) through the diffusion model (Table 7, method 4: proxy)',
  ],
  [
    /^ai\.image\.per-image$/,
    'energy per image (Luccioni, Jernite & Strubell 2024, via CT 2026 App. 3: proxy)',
  ],
  [
    /^ai\.upscale\.per-mp-second$/,
    'energy per output megapixel-second (CT 2026 App. 3, from per-token estimates: proxy)',
  ],
  [/^ai\.text\.per-token$/, 'energy per 1k output tokens (Oviedo et al. 2026: proxy)'],
  [
    /^transfer\.co2js-swd-v4\.production$/,
    'CO2.js Sustainable Web Design v4, data-centre and network segments (end-user devices excluded)',
  ],
  [/^storage\./, 'stored TB-hours × Wh per TB-hour (Cloud Carbon Footprint coefficients)'],
  [/^travel\..*\.fuel-litres$/, 'fuel burnt × DESNZ 2025 combustion factor'],
  [/^travel\./, 'distance × DESNZ 2025 travel factor'],
  [/^accommodation\./, 'room-nights × DESNZ 2025 hotel factor'],
  [/^onset\.fuel-litres$/, 'generator fuel × DESNZ 2025 combustion factor'],
  [/^onset\./, 'on-set electricity × grid intensity'],
  [
    /^method3\..*\.metered$/,
    "a period's metered energy allocated by the stated key (CT 2026 Table 7, method 3)",
  ],
  [
    /^method3\..*\.idle-capacity$/,
    "idle capacity of a period's metered energy, allocated by the same key (CT 2026 §6.1.2)",
  ],
];

export function describeModel(modelId: string): string {
  return MODEL_DESCRIPTIONS.find(([pattern]) => pattern.test(modelId))?.[1] ?? modelId;
}

/** Key assumptions of the report the figures rely on, shown when their factor was used. */
export const FACTOR_ASSUMPTIONS: Readonly<Record<string, string>> = {
  'ai.training.uplift':
    'model creation of AI bought as a service: 0.1× / 0.5× / 1.0× its inference emissions on the US grid, per kWh of inference (CT 2026 §7.4.3, Table 6 option 1a)',
  'ai.cloud.embodied-share-us':
    'embodied carbon of AI services: 5 % of the lifecycle total on the US grid (CT 2026 App. 3)',
  'ai.video.credits-per-second':
    'provider credits converted at 15 credits per second of video (Runway pricing, CT 2026 §7.4.3)',
  'pue.ai-service': 'AI bought as a service without a named provider: PUE 1.1 (CT 2026 App. 3)',
  'pue.on-premises': 'desk-side workstations carry no facility overhead (PUE 1.0)',
  'pue.server-room':
    'own server rooms: PUE 1.8 (1.5–2.1), LBNL field measurements of small server rooms (2013)',
  'grid.location.WORLD': 'activities without a location use the world-average grid',
  'device.embodied.workstation':
    "hardware without its own embodied figure is charged the report's workstation: 447 kgCO2e over 5 years at 50 % use (CT 2026 App. 3)",
  'device.gpu.typical-utilisation':
    'catalogue GPUs draw 65 % (50–100 %) of board power on average (CT 2026 Table 3, Shehabi et al. 2024)',
  'device.gpu.host-it-uplift':
    "a GPU's host adds 17.8 % to its board energy (CT 2026 App. 3 other-IT ratio)",
  'software.development.g-per-user-hour':
    "artist computers carry Adobe's development emissions per user-hour (CT 2026 App. 3, §7.4.3)",
};

export interface Exclusion {
  item: string;
  /** Why it is outside the figures: the justification the report requires (§6.1.2). */
  justification: string;
  kind: 'immaterial' | 'outside the boundary' | 'omission';
}

/** Always stated: the report asks for exclusions to be explicit and justified (§6.1.2). */
export const STANDING_EXCLUSIONS: readonly Exclusion[] = [
  {
    item: 'embodied carbon of data-centre and studio building structure and MEP (support services)',
    justification:
      "CT 2026 §6.1.2, Table 3: amortised over 60 years it is 0.51 % (12 kW/m², US grid) and 0.14 % (22 kW/m², global grid) of IT operational emissions, under the report's 1 % materiality threshold. The report finds 8 % for low-density racks on a low-carbon grid (5 kW/m², France): on such grids this exclusion understates the total",
    kind: 'immaterial',
  },
  {
    item: 'end-of-life of IT hardware and software',
    justification: 'assumed immaterial, as in the CT 2026 case study (§7.4, exclusions)',
    kind: 'immaterial',
  },
];

/** Stated when the project has activities of the kind they concern. */
export const CONDITIONAL_EXCLUSIONS: ReadonlyArray<{ when: RegExp; exclusion: Exclusion }> = [
  {
    when: /^ai\./,
    exclusion: {
      item: 'downstream data storage, network and end-user devices of the AI services used',
      justification:
        'CT 2026 §6.1.2: each generation dominates per prompt, so storage and delivery of its output are less material; end-user devices used in production are counted by their own workstation spans',
      kind: 'outside the boundary',
    },
  },
  {
    when: /^transfer\./,
    exclusion: {
      item: "consumer end-user devices in data transfers (CO2.js SWD's device segment)",
      justification:
        'CT 2026 §6.1.2 excludes end-user devices; the production machines at either end are counted by their own spans',
      kind: 'outside the boundary',
    },
  },
  {
    when: /^storage\./,
    exclusion: {
      item: 'embodied emissions of storage drives',
      justification:
        'no cited per-terabyte embodied figure is shipped: an omission, not a finding of immateriality',
      kind: 'omission',
    },
  },
];

/** Stated unless the project allocated a period's idle capacity (method 3). */
export const IDLE_CAPACITY_OMISSION: Exclusion = {
  item: 'idle capacity of own hardware between recorded activities',
  justification:
    "CT 2026 §6.1.2 says idle capacity should be included. It is only where a period's meter reading is allocated with its idle share (Table 7 method 3), or where a provider's measured footprint includes it",
  kind: 'omission',
};

export const UNCERTAINTY_METHOD =
  "Low and high are the sums of every activity's low and high. The main uncertainties (training allocation, embodied shares, model proxies, PUE) come from the same factors for every activity, so their errors move together; adding bounds is the fully correlated, conservative case. A root-sum-square would assume independent errors and understate the band.";
