import type { DeviceEntry, Factor } from '../factor';
import { CT_2026, GREENOPS_ASSUMPTION } from './sources';

/**
 * Board power of common render / inference GPUs as the manufacturer publishes it (TDP/TGP).
 * The board limit is not the average draw: `device.gpu.typical-utilisation` turns it into one,
 * and `device.gpu.host-it-uplift` adds the host (CPU, RAM, fans) the board figure leaves out.
 * `facility` marks data-centre cards (passively cooled, rack-mounted): on premises they sit in a
 * server room, not under a desk (docs/methodology.md, facility overhead).
 */
function gpu(
  id: string,
  watts: number,
  source: string,
  year: number,
  aliases: string[],
  facility?: 'server-room',
): [Factor, DeviceEntry] {
  return [
    { id: `device.power.${id}`, value: watts, unit: 'W', year, source },
    {
      id,
      kind: 'gpu',
      powerFactorId: `device.power.${id}`,
      aliases,
      ...(facility ? { facility } : {}),
    },
  ];
}

const GPUS: Array<[Factor, DeviceEntry]> = [
  gpu(
    'nvidia-h100-sxm',
    700,
    'NVIDIA H100 Tensor Core GPU datasheet: H100 SXM max TDP 700 W',
    2023,
    ['H100', 'NVIDIA H100', 'H100 SXM5', 'NVIDIA H100 80GB HBM3'],
    'server-room',
  ),
  gpu(
    'nvidia-h100-pcie',
    350,
    'NVIDIA H100 Tensor Core GPU datasheet: H100 PCIe max TDP 350 W',
    2023,
    ['H100 PCIe', 'NVIDIA H100 PCIe'],
    'server-room',
  ),
  gpu(
    'nvidia-a100-sxm',
    400,
    'NVIDIA A100 Tensor Core GPU datasheet: A100 SXM max TDP 400 W',
    2021,
    ['A100', 'NVIDIA A100', 'A100-SXM4-80GB', 'NVIDIA A100-SXM4-40GB', 'NVIDIA A100-SXM4-80GB'],
    'server-room',
  ),
  gpu(
    'nvidia-a100-pcie',
    300,
    'NVIDIA A100 Tensor Core GPU datasheet: A100 PCIe 80GB max TDP 300 W',
    2021,
    ['A100 PCIe', 'NVIDIA A100 PCIe', 'NVIDIA A100 80GB PCIe'],
    'server-room',
  ),
  gpu(
    'nvidia-l40s',
    350,
    'NVIDIA L40S datasheet: max power consumption 350 W',
    2023,
    ['L40S', 'NVIDIA L40S'],
    'server-room',
  ),
  gpu(
    'nvidia-l4',
    72,
    'NVIDIA L4 Tensor Core GPU datasheet: max TDP 72 W',
    2023,
    ['L4', 'NVIDIA L4'],
    'server-room',
  ),
  gpu(
    'nvidia-a10',
    150,
    'NVIDIA A10 Tensor Core GPU datasheet: max TDP 150 W',
    2021,
    ['A10', 'NVIDIA A10', 'A10G', 'NVIDIA A10G'],
    'server-room',
  ),
  gpu(
    'nvidia-t4',
    70,
    'NVIDIA T4 Tensor Core GPU datasheet: max power 70 W',
    2019,
    ['T4', 'Tesla T4', 'NVIDIA T4'],
    'server-room',
  ),
  gpu(
    'nvidia-rtx-6000-ada',
    300,
    'NVIDIA RTX 6000 Ada Generation datasheet: max power consumption 300 W',
    2022,
    ['RTX 6000 Ada', 'NVIDIA RTX 6000 Ada Generation'],
  ),
  gpu('nvidia-rtx-a6000', 300, 'NVIDIA RTX A6000 datasheet: max power consumption 300 W', 2020, [
    'RTX A6000',
    'NVIDIA RTX A6000',
  ]),
  gpu(
    'nvidia-rtx-5090',
    575,
    'NVIDIA GeForce RTX 5090 specifications: total graphics power 575 W',
    2025,
    ['RTX 5090', 'GeForce RTX 5090', 'NVIDIA GeForce RTX 5090'],
  ),
  gpu(
    'nvidia-rtx-4090',
    450,
    'NVIDIA GeForce RTX 4090 specifications: total graphics power 450 W',
    2022,
    ['RTX 4090', 'GeForce RTX 4090', 'NVIDIA GeForce RTX 4090'],
  ),
  gpu(
    'nvidia-rtx-3090',
    350,
    'NVIDIA GeForce RTX 3090 specifications: total graphics power 350 W',
    2020,
    ['RTX 3090', 'GeForce RTX 3090', 'NVIDIA GeForce RTX 3090'],
  ),
];

/**
 * The report's artist / VFX workstation (Appendix 3): 250 W draw, 447 kgCO2e embodied, 5-year
 * life at 50 % active use = 5 × 8,760 h × 0.5 = 21,900 active hours (→ 0.0204 kgCO2e/h, the
 * report's 0.020 kgCO2e/hour).
 */
const WORKSTATION_FACTORS: Factor[] = [
  {
    id: 'device.power.workstation',
    value: 250,
    low: 175,
    high: 325,
    unit: 'W',
    year: 2026,
    uncertaintyRating: 'medium',
    source: `${CT_2026}, Appendix 3 "Artist computers … Assuming 250W"; band ±30 % ${GREENOPS_ASSUMPTION}`,
  },
  {
    id: 'device.embodied.workstation',
    value: 447,
    low: 335.25,
    high: 558.75,
    unit: 'kgCO2e',
    year: 2026,
    uncertaintyRating: 'medium',
    source: `${CT_2026}, Appendix 3 "total embodied carbon impact of 447 kgCO2e per computer"; band ±25 % (Table 13 rates it Medium) ${GREENOPS_ASSUMPTION}`,
  },
  {
    id: 'device.lifetime.workstation',
    value: 21900,
    unit: 'h',
    year: 2026,
    uncertaintyRating: 'medium',
    source: `${CT_2026}, §7.4.3 and Appendix 3: 5-year lifetime, 50 % active usage rate (5 × 8,760 × 0.5)`,
  },
];

/** Turning a GPU's published board power into an average host draw (see `gpu()` above). */
export const GPU_FACTORS: Factor[] = [
  {
    id: 'device.gpu.typical-utilisation',
    value: 0.65,
    low: 0.5,
    high: 1,
    unit: 'fraction of board power',
    year: 2024,
    source: `${CT_2026} Table 3: IT utilisation of 50 % (low) and 65 % (medium) from Shehabi et al. (2024), 2024 United States Data Center Energy Usage Report, LBNL; high = the board limit itself ${GREENOPS_ASSUMPTION}`,
    note: 'average draw of a catalogue GPU over a span when neither greenops.hw.power_w nor greenops.hw.utilization is sent',
  },
  {
    id: 'device.gpu.host-it-uplift',
    value: 1.178,
    unit: 'ratio',
    year: 2026,
    uncertaintyRating: 'medium-to-high',
    source: `${CT_2026}, Appendix 3: inference energy with other IT (CPU, RAM, host) and PUE 1.1 is 494 Wh for 381 Wh of GPU energy (720p) and 2,391 Wh for 1,847 Wh (1080p)`,
    note: 'host IT ÷ GPU board energy: 494/381/1.1 = 1.1787, 2391/1847/1.1 = 1.1769; 1.178. Applied to GPU board power (catalogue or greenops.hw.power_w of a catalogue GPU) so the energy covers the host whose embodied emissions are charged',
  },
];

const WORKSTATION: DeviceEntry = {
  id: 'workstation',
  kind: 'workstation',
  powerFactorId: 'device.power.workstation',
  embodiedFactorId: 'device.embodied.workstation',
  lifetimeFactorId: 'device.lifetime.workstation',
  aliases: ['artist workstation', 'vfx workstation', 'render node', 'desktop workstation'],
};

export const DEVICE_FACTORS: Factor[] = [
  ...GPUS.map(([f]) => f),
  ...GPU_FACTORS,
  ...WORKSTATION_FACTORS,
];

export const DEVICE_CATALOGUE: Readonly<Record<string, DeviceEntry>> = Object.freeze(
  Object.fromEntries([...GPUS.map(([, d]) => d), WORKSTATION].map((d) => [d.id, d])),
);
