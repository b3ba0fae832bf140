import { MethodologyInputError } from '../errors';
import { allocateMeteredReading, type MeteredPeriodReading } from './metered-period-reading';

/*
 * A render farm's reading for a 720-h month in its own GB server room (the worked example of
 * docs/methodology.md §6b): 2,000 kWh metered, PUE 1.8 (LBNL small server rooms) → 3,600 kWh ×
 * 215.79 g/kWh (GB, Ember) = 776,844 g, plus one report workstation's embodied share 447,000 g ×
 * 720 h / 21,900 h = 14,695.89 g: 791,539.89 g in all. Jobs used 1,200 / 2,400 / 1,000 GPU-hours
 * of 5,760 provisioned (8 GPUs × 720 h): idle = 1 − 4,600 / 5,760 = 20.14 %.
 */
const reading: MeteredPeriodReading = {
  periodId: 'farm-ldn-2026-01',
  site: 'farm-ldn',
  from: '2026-01-01T00:00:00Z',
  to: '2026-01-31T00:00:00Z', // 30 days = 720 h
  energyKwh: 2000,
  country: 'GB',
  facilityType: 'server-room',
  key: 'gpu-hours',
  outputs: [
    { projectId: 'series-s01', artifactId: 'sh010', quantity: 1200 },
    { projectId: 'series-s01', artifactId: 'sh020', quantity: 2400 },
    { projectId: 'commercial', quantity: 1000 },
  ],
  idleCapacity: 5760,
};

describe('a metered period reading, allocated to its outputs (Table 7 method 3)', () => {
  const lines = allocateMeteredReading('studio-b', reading);

  it('gives each output its metered share and its idle-capacity share, idle in its own category', () => {
    const sh010 = lines.filter((l) => l.output === 0);
    // metered: 1,200 / 5,760 × 791,539.89 = 164,904.14 g; idle: 0.2013889 × 1,200 / 4,600 × 791,539.89 = 41,584.52 g
    expect(sh010.map((l) => l.component)).toEqual(['metered', 'idle-capacity']);
    expect(sh010[0].result.co2eG.nominal).toBeCloseTo(164_904.14, 1);
    expect(sh010[1].result.co2eG.nominal).toBeCloseTo(41_584.52, 1);
    expect(sh010[0].result.category).toBe('scope2.purchased-electricity');
    expect(sh010[1].result.category).toBe('scope2.purchased-electricity.idle-capacity');
    expect(sh010[1].result.modelId).toBe('method3.gpu-hours.idle-capacity');
    // The commercial: metered 1,000 / 5,760 × 791,539.89 = 137,420.12 g
    expect(
      lines.find((l) => l.output === 2 && l.component === 'metered')?.result.co2eG.nominal,
    ).toBeCloseTo(137_420.12, 1);
  });

  it('hands out the whole reading, nothing lost or counted twice', () => {
    const sum = lines.reduce((g, l) => g + l.result.co2eG.nominal, 0);
    expect(sum).toBeCloseTo(791_539.89, 1);
    expect(lines).toHaveLength(6);
  });

  it('names the field at fault', () => {
    const refused = (r: MeteredPeriodReading) => {
      try {
        allocateMeteredReading('studio-b', r);
      } catch (error) {
        if (error instanceof MethodologyInputError) return error.field;
        throw error;
      }
      return undefined;
    };
    expect(refused({ ...reading, to: reading.from })).toBe('to');
    expect(refused({ ...reading, idleEnergyItKwh: 100 })).toBe('idleCapacity');
    expect(refused({ ...reading, idleCapacity: 100 })).toBe('idle.capacity');
    expect(
      refused({
        ...reading,
        outputs: [reading.outputs[0], { ...reading.outputs[0], quantity: 5 }],
      }),
    ).toBe('outputs[1]');
  });
});
