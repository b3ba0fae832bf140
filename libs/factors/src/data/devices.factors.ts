import type { DeviceEntry, Factor } from '../factor';
import { CT_2026, GREENOPS_ASSUMPTION } from './sources';

/**
 * Typical draw of common render / inference devices. Nominal = the manufacturer's board power
 * (TDP/TGP): GPU renders and diffusion inference hold the board near its power limit. Low = 60 %
 * of it (partly memory- or I/O-bound work), high = the limit itself. GPU figures are the GPU
 * board only; the host is covered by a workstation entry or by `greenops.hw.power_w`.
 */
const BAND = `${GREENOPS_ASSUMPTION}: band low = 60 % of board power, high = board power`;

function gpu(
  id: string,
  watts: number,
  source: string,
  year: number,
  aliases: string[],
): [Factor, DeviceEntry] {
  return [
    {
      id: `device.power.${id}`,
      value: watts,
      low: 0.6 * watts,
      high: watts,
      unit: 'W',
      year,
      source: `${source}; ${BAND}`,
    },
    { id, kind: 'gpu', powerFactorId: `device.power.${id}`, aliases },
  ];
}

const GPUS: Array<[Factor, DeviceEntry]> = [
  gpu(
    'nvidia-h100-sxm',
    700,
    'NVIDIA H100 Tensor Core GPU datasheet: H100 SXM max TDP 700 W',
    2023,
    ['H100', 'NVIDIA H100', 'H100 SXM5', 'NVIDIA H100 80GB HBM3'],
  ),
  gpu(
    'nvidia-h100-pcie',
    350,
    'NVIDIA H100 Tensor Core GPU datasheet: H100 PCIe max TDP 350 W',
    2023,
    ['H100 PCIe', 'NVIDIA H100 PCIe'],
  ),
  gpu(
    'nvidia-a100-sxm',
    400,
    'NVIDIA A100 Tensor Core GPU datasheet: A100 SXM max TDP 400 W',
    2021,
    ['A100', 'NVIDIA A100', 'A100-SXM4-80GB', 'NVIDIA A100-SXM4-40GB', 'NVIDIA A100-SXM4-80GB'],
  ),
  gpu(
    'nvidia-a100-pcie',
    300,
    'NVIDIA A100 Tensor Core GPU datasheet: A100 PCIe 80GB max TDP 300 W',
    2021,
    ['A100 PCIe', 'NVIDIA A100 PCIe', 'NVIDIA A100 80GB PCIe'],
  ),
  gpu('nvidia-l40s', 350, 'NVIDIA L40S datasheet: max power consumption 350 W', 2023, [
    'L40S',
    'NVIDIA L40S',
  ]),
  gpu('nvidia-l4', 72, 'NVIDIA L4 Tensor Core GPU datasheet: max TDP 72 W', 2023, [
    'L4',
    'NVIDIA L4',
  ]),
  gpu('nvidia-a10', 150, 'NVIDIA A10 Tensor Core GPU datasheet: max TDP 150 W', 2021, [
    'A10',
    'NVIDIA A10',
    'A10G',
    'NVIDIA A10G',
  ]),
  gpu('nvidia-t4', 70, 'NVIDIA T4 Tensor Core GPU datasheet: max power 70 W', 2019, [
    'T4',
    'Tesla T4',
    'NVIDIA T4',
  ]),
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
    source: `${CT_2026}, Appendix 3 "Artist computers … Assuming 250W"; band ±30 % ${GREENOPS_ASSUMPTION}`,
  },
  {
    id: 'device.embodied.workstation',
    value: 447,
    low: 335.25,
    high: 558.75,
    unit: 'kgCO2e',
    year: 2026,
    source: `${CT_2026}, Appendix 3 "total embodied carbon impact of 447 kgCO2e per computer"; band ±25 % (Table 13 rates it Medium) ${GREENOPS_ASSUMPTION}`,
  },
  {
    id: 'device.lifetime.workstation',
    value: 21900,
    unit: 'h',
    year: 2026,
    source: `${CT_2026}, §7.4.3 and Appendix 3: 5-year lifetime, 50 % active usage rate (5 × 8,760 × 0.5)`,
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

export const DEVICE_FACTORS: Factor[] = [...GPUS.map(([f]) => f), ...WORKSTATION_FACTORS];

export const DEVICE_CATALOGUE: Readonly<Record<string, DeviceEntry>> = Object.freeze(
  Object.fromEntries([...GPUS.map(([, d]) => d), WORKSTATION].map((d) => [d.id, d])),
);
