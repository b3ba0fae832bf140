import type { Factor } from '../factor';
import { GREENOPS_ASSUMPTION } from './sources';

const CCF =
  'Cloud Carbon Footprint methodology (cloudcarbonfootprint.org/docs/methodology), storage coefficients';
const BAND = `band ±50 % ${GREENOPS_ASSUMPTION} (single published coefficients, no spread given)`;

/** Wh per TB-hour of stored data, by media, and default replication (copies) by media. */
export const STORAGE_FACTORS: Factor[] = [
  {
    id: 'storage.ssd.wh-per-tb-hour',
    value: 1.2,
    low: 0.6,
    high: 1.8,
    unit: 'Wh/TB-h',
    year: 2021,
    source: `${CCF}: SSD 1.2 Wh/TB-h; ${BAND}`,
  },
  {
    id: 'storage.hdd.wh-per-tb-hour',
    value: 0.65,
    low: 0.325,
    high: 0.975,
    unit: 'Wh/TB-h',
    year: 2021,
    source: `${CCF}: HDD 0.65 Wh/TB-h; ${BAND}`,
  },
  {
    id: 'storage.object.wh-per-tb-hour',
    value: 0.65,
    low: 0.325,
    high: 0.975,
    unit: 'Wh/TB-h',
    year: 2021,
    source: `${CCF}: object storage is HDD-backed, 0.65 Wh/TB-h; ${BAND}`,
  },
  {
    id: 'storage.tape.wh-per-tb-hour',
    value: 0.065,
    low: 0,
    high: 0.65,
    unit: 'Wh/TB-h',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}: no cited per-TB-hour figure for tape libraries; nominal 1/10 of HDD, high = HDD, low = 0 (cartridges at rest draw nothing)`,
  },
  {
    id: 'storage.object.replication',
    value: 3,
    unit: 'copies',
    year: 2021,
    source: `${CCF}: replication factor 3 for object storage (e.g. S3, GCS)`,
  },
  {
    id: 'storage.block.replication',
    value: 1,
    unit: 'copies',
    year: 2026,
    source: `${GREENOPS_ASSUMPTION}: a local SSD/HDD/tape copy counts once; send greenops.storage.replication for RAID/mirrors`,
  },
];
