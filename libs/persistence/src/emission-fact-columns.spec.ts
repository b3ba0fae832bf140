import { toEmissionFactColumns } from './emission-fact-columns';
import { renderFact } from './testing/fact-fixture';

const base = () =>
  renderFact({
    tenant: 't',
    projectId: 'p',
    occurredAt: '2026-03-01T10:00:00+02:00',
    energyKwh: 2,
    embodiedG: 10,
  });

describe('toEmissionFactColumns', () => {
  it('lays facts out one array per column, instants normalised to UTC', () => {
    const c = toEmissionFactColumns([base(), { ...base(), artifactId: 'clip' }]);
    expect(c.occurredAt).toEqual(['2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z']);
    expect(c.artifactId).toEqual([null, 'clip']);
    // 2 kWh × 100 g/kWh + 10 g = 210 g; low/high ±10 %: 189 g / 231 g.
    expect(c.co2eG).toEqual([210, 210]);
    expect(c.co2eLowG[0]).toBeCloseTo(189, 9);
    expect(c.co2eHighG[0]).toBeCloseTo(231, 9);
    expect(c.factorIdsJson[0]).toBe('["test.intensity.location","test.intensity.market"]');
  });

  it('names the field and reason of bad input', () => {
    const nan = base();
    nan.result = { ...nan.result, co2eG: { low: 0, nominal: Number.NaN, high: 0 } };
    expect(() => toEmissionFactColumns([base(), nan])).toThrow(
      'facts[1].result.co2eG.nominal: must be a finite number',
    );
    expect(() => toEmissionFactColumns([{ ...base(), occurredAt: '2026-03-01 10:00' }])).toThrow(
      /facts\[0\]\.occurredAt/,
    );
    expect(() => toEmissionFactColumns([{ ...base(), eventId: 'x' }])).toThrow(
      'facts[0].eventId: must be a UUID',
    );
    const badScope = base();
    badScope.result = { ...badScope.result, scope: 4 as 1 };
    expect(() => toEmissionFactColumns([badScope])).toThrow(/facts\[0\]\.result\.scope/);
  });
});
