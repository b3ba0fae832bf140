import type { Factor } from './factor';

/** The physically plausible values of a factor unit, and why the bounds are where they are. */
export interface FactorRange {
  min: number;
  max: number;
  reason: string;
}

/**
 * Plausible ranges per factor unit. Every unit the shipped factor sets use has one (a unit test
 * checks it, and that every shipped factor lies in its range). A published factor outside its
 * unit's range is refused: one absurd number (1e308 g/kWh, a negative intensity) would make every
 * fact computed with it meaningless or unstorable. The bounds are generous: they stop physical
 * impossibilities, not unusual but real values.
 */
export const FACTOR_RANGES: Readonly<Record<string, FactorRange>> = {
  'gCO2e/kWh': {
    min: 0,
    max: 2000,
    reason: 'no grid emits less than nothing; pure lignite is about 1,200 g/kWh',
  },
  ratio: { min: 1, max: 5, reason: 'a PUE is at least 1; the least efficient rooms are about 3' },
  W: { min: 0, max: 100_000, reason: 'one device draws at most a rack (about 100 kW)' },
  'fraction of board power': { min: 0, max: 1, reason: 'a share of board power' },
  kgCO2e: {
    min: 0,
    max: 100_000,
    reason: 'embodied emissions of one device: a full server is a few tonnes',
  },
  h: { min: 1, max: 262_800, reason: 'a device lives at most 30 years (262,800 h)' },
  fraction: { min: 0, max: 1, reason: 'a relative uncertainty' },
  'ratio to the WAN2.1-T2V-1.3B estimate': {
    min: 0.01,
    max: 100,
    reason: 'an uncertainty band of two orders of magnitude each way',
  },
  'Wh/video': {
    min: 0,
    max: 1_000_000,
    reason: 'one generated clip: the report measures up to about 2 kWh',
  },
  'denoising steps': { min: 1, max: 10_000, reason: 'diffusion samplers use tens to thousands' },
  'credits/s': { min: 0, max: 10_000, reason: 'credits a service charges per second of video' },
  'frames/s': { min: 1, max: 1_000, reason: 'video frame rates' },
  px: { min: 1, max: 100_000, reason: 'a frame side in pixels' },
  'ratio of inference emissions': {
    min: 0,
    max: 100,
    reason: 'training uplift relative to inference',
  },
  'fraction of total': { min: 0, max: 1, reason: 'a share of a total' },
  'Wh/image': { min: 0, max: 100_000, reason: 'one generated image: the report measures ~3 Wh' },
  'Wh/MP-s @30fps': {
    min: 0,
    max: 100_000,
    reason: 'upscaling energy per megapixel-second: the report measures tens',
  },
  'Wh/1k tokens': { min: 0, max: 100_000, reason: 'text generation: the report measures < 1 Wh' },
  'gCO2e/kWh of inference IT energy': {
    min: 0,
    max: 100_000,
    reason: 'training emissions allocated per kWh of inference',
  },
  'gCO2e/inference': {
    min: 0,
    max: 1_000_000,
    reason: 'training emissions allocated to one inference (at most a tonne)',
  },
  'Wh/TB-h': { min: 0, max: 1_000, reason: 'storage draws watts per terabyte, not kilowatts' },
  copies: { min: 1, max: 100, reason: 'replicas of a stored object' },
  'kgCO2e/passenger-km': {
    min: 0,
    max: 10,
    reason: 'the most emitting transport (first-class long haul) is under 1 kg/passenger-km',
  },
  km: { min: 0, max: 40_075, reason: 'no trip leg exceeds the Earth’s circumference' },
  'kgCO2e/vehicle-km': { min: 0, max: 100, reason: 'a heavy truck emits about 1 kg/km' },
  'kgCO2e/room-night': { min: 0, max: 10_000, reason: 'the worst hotels emit hundreds of kg' },
  'kgCO2e/litre': { min: 0, max: 100, reason: 'burning a litre of fuel emits about 3 kg' },
  'W/fixture': { min: 0, max: 1_000_000, reason: 'the largest film lights draw about 20 kW' },
  'ratio to CO2.js estimate': {
    min: 0.01,
    max: 100,
    reason: 'an uncertainty band of two orders of magnitude each way',
  },
  'gCO2e/user-hour': { min: 0, max: 100_000, reason: 'software use per user-hour: tens of grams' },
  option: { min: 0, max: 1_000, reason: 'an option code' },
};

export function factorRange(unit: string): FactorRange | undefined {
  return Object.prototype.hasOwnProperty.call(FACTOR_RANGES, unit)
    ? FACTOR_RANGES[unit]
    : undefined;
}

/**
 * Why a factor's value (or its band) lies outside its unit's plausible range, naming the
 * factor, the value and the range; undefined when it is inside (or its unit has no range:
 * an unknown unit is refused elsewhere).
 */
export function factorRangeProblem(f: Factor): string | undefined {
  const range = factorRange(f.unit);
  if (!range) return undefined;
  for (const [name, value] of [
    ['value', f.value],
    ['low', f.low],
    ['high', f.high],
  ] as const) {
    if (value === undefined) continue;
    if (!(value >= range.min && value <= range.max)) {
      return (
        `${f.id} ${name} ${value} ${f.unit} is outside the plausible range ` +
        `[${range.min}, ${range.max}] ${f.unit} (${range.reason})`
      );
    }
  }
  return undefined;
}
