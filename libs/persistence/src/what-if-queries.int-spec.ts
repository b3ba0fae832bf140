import { randomUUID } from 'node:crypto';
import type { ActivityInputRow } from './activity-inputs';
import { EmissionStore } from './emission-store';
import { InsightsStore } from './insights-store';
import { PersistenceInputError } from './persistence-input.error';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';
import { WhatIfQueries } from './what-if-queries';

const T = 'tenant-whatif';
const P = 'whatif-project';

const render = (
  tenant: string,
  projectId: string,
  startTime: string,
  energyKwh = 10,
): ActivityInputRow => ({
  tenant,
  projectId,
  eventId: randomUUID(),
  occurredAt: startTime,
  inputs: {
    kind: 'render',
    startTime,
    durationS: 3600,
    measurements: { energyKwh, country: 'GB' },
  },
});

describe.each(BACKENDS)('what-if activity inputs on $name', (backend) => {
  let opened: OpenedBackend;
  let insights: InsightsStore;
  let queries: WhatIfQueries;
  const same = [1, 2, 3].map(() => render(T, P, '2026-03-01T10:00:00.000Z'));
  const other = render(T, P, '2026-03-02T10:00:00.000Z', 4);

  beforeAll(async () => {
    opened = await backend.open();
    insights = new InsightsStore(opened.db);
    queries = new WhatIfQueries(opened.db);
    await insights.record({ activityInputs: [...same, other] });
    // handled again after a crash: nothing written twice
    await insights.record({ activityInputs: [...same, other] });
    await insights.record({
      activityInputs: [render('tenant-other', P, '2026-03-01T10:00:00.000Z')],
    });
    // a served fact whose inputs were never kept (projected before the migration)
    await new EmissionStore(opened.db).commitBatch({
      facts: [
        renderFact({ tenant: T, projectId: P, occurredAt: '2026-02-01T00:00:00Z', energyKwh: 1 }),
      ],
      artifacts: [],
      offsets: [],
    });
  }, 120_000);

  afterAll(async () => {
    await opened?.dispose();
  });

  it('groups identical inputs once with their count, in time order, and counts facts without inputs', async () => {
    const data = await queries.activityInputs(T, P);
    expect(data.groups).toEqual([
      { inputs: same[0].inputs, count: 3 },
      { inputs: other.inputs, count: 1 },
    ]);
    expect(data.overLimit).toBe(false);
    expect(data.factsWithoutInputs).toBe(1);
    expect(data.meteredPeriodFacts).toBe(0);
  });

  it('says when a project has more distinct inputs than the limit', async () => {
    const data = await queries.activityInputs(T, P, 1);
    expect(data.groups).toHaveLength(1);
    expect(data.overLimit).toBe(true);
  });

  it("never reads another tenant's project", async () => {
    const data = await queries.activityInputs('tenant-nobody', P);
    expect(data).toEqual({
      groups: [],
      overLimit: false,
      factsWithoutInputs: 0,
      meteredPeriodFacts: 0,
    });
    // parameters only: a hostile id is an id like any other
    const hostile = await queries.activityInputs("x'; drop table activity_inputs; --", P);
    expect(hostile.groups).toEqual([]);
    expect((await queries.activityInputs(T, P)).groups).toHaveLength(2);
    await expect(queries.activityInputs(T, P, 0)).rejects.toBeInstanceOf(PersistenceInputError);
  });

  it('skips an oversized input instead of failing the batch', async () => {
    const huge = render(T, 'whatif-huge', '2026-03-01T10:00:00.000Z');
    huge.inputs.measurements = { ...huge.inputs.measurements, cloudRegion: 'x'.repeat(20_000) };
    const fine = render(T, 'whatif-huge', '2026-03-01T11:00:00.000Z');
    await insights.record({ activityInputs: [huge, fine] });
    const data = await queries.activityInputs(T, 'whatif-huge');
    expect(data.groups.map((g) => g.inputs.startTime)).toEqual(['2026-03-01T11:00:00.000Z']);
  });
});
