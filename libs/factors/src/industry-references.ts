import type { ProductionType } from '@greenops/domain';

/**
 * Published industry figures shown BESIDE our own benchmarks, never mixed into their statistics
 * (docs/insights.md §4.3). Only numbers a publication states, with what they measure, their unit
 * and where they are stated; none is derived or converted here. A production type lists the
 * references whose subject is a production of that type.
 */
export interface IndustryReference {
  id: string;
  /** The publication: author, title, date. */
  source: string;
  year: number;
  /** Where in the publication the figure is stated. */
  section: string;
  /** What the figure measures (its functional unit and boundary), in the publication's terms. */
  measures: string;
  unit: string;
  /** The stated range; equal when the publication states one value. */
  low: number;
  high: number;
  /** Production types the figure's subject belongs to. */
  productionTypes: readonly ProductionType[];
}

const CARBON_TRUST_2026 = 'Carbon Trust, "The carbon impact of AI video generation", June 2026';

/** A VFX scene of a streaming series (§7: the case study's subject). */
const STREAMING_SERIES: readonly ProductionType[] = ['series', 'episode'];

export const INDUSTRY_REFERENCES: readonly IndustryReference[] = [
  {
    id: 'carbon-trust-2026.case-study.gen-fx-base',
    source: CARBON_TRUST_2026,
    year: 2026,
    section: '§7.5',
    measures:
      'VFX for one final-pixel scene of a streaming series, generative-FX approach (base case, 2,137 videos generated), US average grid; physical shoot and front-end 2D processes excluded',
    unit: 'kgCO2e per final-pixel scene',
    low: 900,
    high: 2100,
    productionTypes: STREAMING_SERIES,
  },
  {
    id: 'carbon-trust-2026.case-study.gen-fx-higher-iterations',
    source: CARBON_TRUST_2026,
    year: 2026,
    section: '§7.5',
    measures:
      'The same scene, generative-FX approach with about three times the iterations (6,525 videos generated), US average grid',
    unit: 'kgCO2e per final-pixel scene',
    low: 2000,
    high: 5500,
    productionTypes: STREAMING_SERIES,
  },
  {
    id: 'carbon-trust-2026.case-study.traditional-vfx',
    source: CARBON_TRUST_2026,
    year: 2026,
    section: '§7.5, Table 10',
    measures:
      'The same scene, traditional VFX (3D rendering at 2160p, about 66,000 to 201,000 render hours from the studio’s comparable productions)',
    unit: 'kgCO2e per final-pixel scene',
    low: 8500,
    high: 25000,
    productionTypes: STREAMING_SERIES,
  },
  {
    id: 'carbon-trust-2026.t2v-720p-clip',
    source: CARBON_TRUST_2026,
    year: 2026,
    section: '§5.1',
    measures:
      'Lifecycle impact of one 5.4-second text-to-video clip at 720p, 15 frames per second, 50 denoising steps (WAN2.1-T2V-1.3B), nominal values',
    unit: 'gCO2e per video',
    low: 49,
    high: 88,
    // About one clip, not a production: listed, never attached to a production type's benchmark.
    productionTypes: [],
  },
];

/** The references about productions of one type, in catalogue order. */
export function industryReferencesFor(productionType: string): IndustryReference[] {
  return INDUSTRY_REFERENCES.filter((r) =>
    (r.productionTypes as readonly string[]).includes(productionType),
  );
}
