import type { Factor } from '../factor';
import { GREENOPS_ASSUMPTION, SEED_001_PUE, CT_2026 } from './sources';

/**
 * Facility PUE (Total facility energy / IT energy, The Green Grid). Fleet averages published by
 * providers in their 2024 sustainability reports. Fleet PUE hides per-site variation, so the band runs from the
 * provider's figure to the industry average (a region may be an older, less efficient site).
 */
export const PUE_FACTORS: Factor[] = [
  {
    id: 'pue.cloud.gcp',
    value: 1.09,
    low: 1.09,
    high: 1.56,
    unit: 'ratio',
    year: 2024,
    source: `${SEED_001_PUE}: Google data centres, fleet annual average PUE 2024`,
  },
  {
    id: 'pue.cloud.aws',
    value: 1.15,
    low: 1.15,
    high: 1.56,
    unit: 'ratio',
    year: 2024,
    source: `${SEED_001_PUE}: AWS global PUE reported for 2024`,
  },
  {
    id: 'pue.cloud.azure',
    value: 1.17,
    low: 1.17,
    high: 1.56,
    unit: 'ratio',
    year: 2025,
    source: `${SEED_001_PUE}: Microsoft datacenters global PUE FY25 (07/2024–06/2025)`,
  },
  {
    id: 'pue.cloud.ovhcloud',
    value: 1.26,
    low: 1.26,
    high: 1.56,
    unit: 'ratio',
    year: 2024,
    source: `${SEED_001_PUE}: OVH Group KPI FY24, ISO/IEC 30134-2 method`,
  },
  {
    id: 'pue.industry-average',
    value: 1.56,
    unit: 'ratio',
    year: 2024,
    source: `${SEED_001_PUE}: Uptime Institute Global Data Center Survey 2024, average PUE 1.56`,
    note: 'used for a cloud provider not in this table',
  },
  {
    id: 'pue.ai-service',
    value: 1.1,
    unit: 'ratio',
    year: 2026,
    source: `${CT_2026}, Appendix 3 (image and cloud video generation assume a PUE of 1.1)`,
    note: 'AI inference bought as a service with no provider/region on the span',
  },
  {
    id: 'pue.on-premises',
    value: 1.0,
    unit: 'ratio',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}: a desk-side workstation has no facility overhead to attribute; its metered or modelled draw is the electricity bought for the work`,
    note: 'greenops.facility.type = workstation, the default on premises for desk-side machines; a server room or data centre has its own default',
  },
  {
    id: 'pue.server-room',
    value: 1.8,
    low: 1.5,
    high: 2.1,
    unit: 'ratio',
    year: 2013,
    source:
      'Lawrence Berkeley National Laboratory (I. Cheung et al.), "Energy Efficiency of Small Data Centers", EETD, October 2013: field assessments with power measurements of four small server rooms found PUE values from 1.5 to 2.1',
    note: 'greenops.facility.type = server-room (own machine room or render farm), and the default on premises for data-centre GPUs; nominal = midpoint 1.8. Large data centres run at 1.1–1.2 or better, small rooms worse',
  },
];

/** OTel `cloud.provider` value → PUE factor id. */
export const CLOUD_PROVIDER_PUE_FACTOR: Readonly<Record<string, string>> = Object.freeze({
  gcp: 'pue.cloud.gcp',
  google: 'pue.cloud.gcp',
  google_cloud: 'pue.cloud.gcp',
  aws: 'pue.cloud.aws',
  azure: 'pue.cloud.azure',
  ovhcloud: 'pue.cloud.ovhcloud',
  ovh: 'pue.cloud.ovhcloud',
});
