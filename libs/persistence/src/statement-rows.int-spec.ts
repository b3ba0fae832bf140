import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const T = 'tenant-statement';
const OTHER = 'tenant-statement-other';
const P = 'statement-project';

/*
 * renderFact: 100 g/kWh, PUE 1, ±10 %, tier measured, model render.measured,
 * factors test.intensity.location/market, methodology test-1.
 *   r1: 2 kWh → 200 g (180–220); r2: 3 kWh + 10 g embodied → 310 g (279–341)
 *   measured group: 2 activities, 510 g (459–561)
 *   p1: the same fact re-labelled as a proxy image generation with 40 g of training under 1b
 *   and a note: 1 kWh → 100 g (90–110)
 */
const r1 = renderFact({
  tenant: T,
  projectId: P,
  occurredAt: '2026-03-01T10:00:00Z',
  energyKwh: 2,
});
const r2 = renderFact({
  tenant: T,
  projectId: P,
  occurredAt: '2026-03-02T10:00:00Z',
  energyKwh: 3,
  embodiedG: 10,
});
const base = renderFact({
  tenant: T,
  projectId: P,
  occurredAt: '2026-03-03T10:00:00Z',
  energyKwh: 1,
});
const p1 = {
  ...base,
  activityKind: 'ai.inference',
  result: {
    ...base.result,
    tier: 'proxy' as const,
    modelId: 'ai.image.per-image',
    factorIds: ['ai.image.per-image-kwh', 'test.intensity.location'],
    trainingG: { low: 40, nominal: 40, high: 40 },
    trainingAllocation: '1b' as const,
    methodologyVersion: 'test-1+training.1b',
    notes: ['image model not registered: per-image proxy'],
  },
};
// Another tenant's fact under the same project id must not appear.
const foreign = renderFact({
  tenant: OTHER,
  projectId: P,
  occurredAt: '2026-03-01T10:00:00Z',
  energyKwh: 1000,
});

describe.each(BACKENDS)('project statement rows on $name', (backend) => {
  let opened: OpenedBackend;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    await new EmissionStore(opened.db).commitBatch({
      facts: [r1, r2, p1, foreign],
      artifacts: [],
      offsets: [],
    });
    queries = new EmissionQueries(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('groups the tenant’s facts by tier and model with factor ids, training options and notes', async () => {
    const s = await queries.projectStatementRows(T, P);
    expect(s.rows).toEqual([
      {
        tier: 'measured',
        modelId: 'render.measured',
        activityCount: 2,
        co2eG: { low: expect.closeTo(459, 9), nominal: 510, high: expect.closeTo(561, 9) },
        factorIds: ['test.intensity.location', 'test.intensity.market'],
        trainingAllocations: [],
        notes: [],
      },
      {
        tier: 'proxy',
        modelId: 'ai.image.per-image',
        activityCount: 1,
        co2eG: { low: expect.closeTo(90, 9), nominal: 100, high: expect.closeTo(110, 9) },
        factorIds: ['ai.image.per-image-kwh', 'test.intensity.location'],
        trainingAllocations: [{ option: '1b', activityCount: 1 }],
        notes: ['image model not registered: per-image proxy'],
      },
    ]);
    expect(s.methodologyVersions).toEqual(['test-1', 'test-1+training.1b']);
    expect(s.factorSetVersions).toEqual(['test-1']);
  });

  it('answers nothing for an unknown project or another tenant', async () => {
    expect(await queries.projectStatementRows(T, 'no-such-project')).toEqual({
      rows: [],
      methodologyVersions: [],
      factorSetVersions: [],
    });
    const other = await queries.projectStatementRows(OTHER, P);
    expect(other.rows.map((r) => r.activityCount)).toEqual([1]);
    expect(other.rows[0].co2eG.nominal).toBe(100_000); // 1,000 kWh × 100 g/kWh
  });
});
