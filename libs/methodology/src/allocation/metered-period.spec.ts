import fc from 'fast-check';
import type { EmissionResult } from '@greenops/domain';
import { computeEmissions, MethodologyInputError } from '../index';
import { activity } from '../testing/activity.fixture';
import { allocateMeteredPeriod } from './metered-period';

// A render farm's monthly meter reading (CT 2026 Table 7 method 3): 2,000 kWh measured over a
// 720-h month in an own server room in GB. By hand (docs/methodology.md):
//   PUE 1.8 (1.5–2.1, LBNL small server rooms) → 3,600 kWh (3,000 … 4,200)
//   operational 3,600 × 215.79 (GB, Ember) = 776,844 g (647,370 … 906,318)
//   embodied (no hardware named: one report workstation) 447,000 g × 720 h / 21,900 h = 14,695.89 g
//   total 791,539.89 g
const meter: EmissionResult = computeEmissions(
  activity('render', { energyKwh: 2000, facilityType: 'server-room', country: 'GB' }, 720 * 3600),
);
// Three jobs used 1,200 / 2,400 / 1,000 GPU-hours of 8 GPUs × 720 h = 5,760 provisioned.
const jobs = [
  { id: 'job-a', quantity: 1200 },
  { id: 'job-b', quantity: 2400 },
  { id: 'job-c', quantity: 1000 },
];

describe('method 3: a period meter reading allocated by GPU-hours, idle capacity apart', () => {
  it('reads the meter as any span', () => {
    expect(meter.co2eG.nominal).toBeCloseTo(791_539.89, 1);
  });

  it('by provisioned capacity: idle = 1 − 4,600 / 5,760 = 20.14 %', () => {
    const a = allocateMeteredPeriod({
      meter,
      key: 'gpu-hours',
      outputs: jobs,
      idle: { capacity: 5760 },
    });
    expect(a.totalQuantity).toBe(4600);
    expect(a.idleShare).toBeCloseTo(0.2013889, 6);
    const jobA = a.lines.filter((l) => l.outputId === 'job-a');
    // metered: 1,200 / 5,760 = 0.2083333 × 791,539.89 = 164,904.14 g
    // idle: 0.2013889 × 1,200 / 4,600 = 0.0525362 × 791,539.89 = 41,584.52 g
    expect(jobA.map((l) => l.component)).toEqual(['metered', 'idle-capacity']);
    expect(jobA[0].share).toBeCloseTo(0.2083333, 6);
    expect(jobA[0].result.co2eG.nominal).toBeCloseTo(164_904.14, 1);
    expect(jobA[1].result.co2eG.nominal).toBeCloseTo(41_584.52, 1);
    expect(jobA[0].result.modelId).toBe('method3.gpu-hours.metered');
    expect(jobA[1].result.modelId).toBe('method3.gpu-hours.idle-capacity');
    // the lines hand out the whole meter: 791,539.89 g
    const sum = a.lines.reduce((g, l) => g + l.result.co2eG.nominal, 0);
    expect(sum).toBeCloseTo(meter.co2eG.nominal, 6);
  });

  it('by measured idle energy: 400 of 2,000 kWh idle = 20 %', () => {
    const a = allocateMeteredPeriod({
      meter,
      key: 'job-hours',
      outputs: jobs,
      idle: { idleEnergyItKwh: 400 },
    });
    // job A: metered 0.8 × 1,200 / 4,600 × 791,539.89 = 165,190.93 g; idle 0.2 × … = 41,297.73 g
    expect(a.idleShare).toBeCloseTo(0.2, 12);
    expect(a.lines[0].result.co2eG.nominal).toBeCloseTo(165_190.93, 1);
    expect(a.lines[1].result.co2eG.nominal).toBeCloseTo(41_297.73, 1);
    expect(a.lines[0].result.modelId).toBe('method3.job-hours.metered');
  });

  it('without idle evidence the whole meter is allocated by the key', () => {
    const a = allocateMeteredPeriod({ meter, key: 'gpu-hours', outputs: jobs });
    expect(a.idleShare).toBe(0);
    expect(a.lines).toHaveLength(3);
    // job B: 2,400 / 4,600 × 791,539.89 = 412,977.33 g, with the meter's band scaled alike
    expect(a.lines[1].result.co2eG.nominal).toBeCloseTo(412_977.33, 1);
    expect(a.lines[1].result.co2eG.high / a.lines[1].result.co2eG.nominal).toBeCloseTo(
      meter.co2eG.high / meter.co2eG.nominal,
      12,
    );
  });

  it.each([
    [{ key: 'watts' }, 'key'],
    [{ outputs: [] }, 'outputs'],
    [{ outputs: [{ id: 'a', quantity: -1 }] }, 'outputs[0].quantity'],
    [
      {
        outputs: [
          { id: 'a', quantity: 1 },
          { id: 'a', quantity: 2 },
        ],
      },
      'outputs[1].id',
    ],
    [{ outputs: [{ id: 'a', quantity: 0 }] }, 'outputs'],
    [{ idle: { capacity: 4000 } }, 'idle.capacity'],
    [{ idle: { idleEnergyItKwh: 2500 } }, 'idle.idleEnergyItKwh'],
  ])('rejects %j naming %s', (change, field) => {
    const run = () =>
      allocateMeteredPeriod({ meter, key: 'gpu-hours', outputs: jobs, ...(change as object) });
    expect(run).toThrow(MethodologyInputError);
    expect(run).toThrow(expect.objectContaining({ field }));
  });

  it('never loses or invents emissions: lines add up to the meter, low, nominal and high', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (quantities, spare) => {
          fc.pre(quantities.some((q) => q > 0));
          const outputs = quantities.map((quantity, i) => ({ id: `o${i}`, quantity }));
          const total = quantities.reduce((a, b) => a + b, 0);
          const a = allocateMeteredPeriod({
            meter,
            key: 'gpu-hours',
            outputs,
            idle: { capacity: total * (1 + spare) },
          });
          for (const k of ['low', 'nominal', 'high'] as const) {
            const sum = a.lines.reduce((g, l) => g + l.result.co2eG[k], 0);
            expect(sum).toBeCloseTo(meter.co2eG[k], 4);
          }
          const idle = a.lines
            .filter((l) => l.component === 'idle-capacity')
            .reduce((g, l) => g + l.result.energyItKwh.nominal, 0);
          expect(idle).toBeCloseTo(meter.energyItKwh.nominal * a.idleShare, 6);
        },
      ),
    );
  });
});
