import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const EVENT = '5b8efff7-9803-5103-9269-b633813fc60c';
const T = 't-corrections';

/**
 * A span's identity is its event id (tenant, trace id, span id); the version received last is
 * counted (docs/architecture.md, "Corrections"). Test facts: 100 g/kWh, PUE 1 (fact-fixture).
 */
describe.each(BACKENDS)('corrections on $name', (backend) => {
  let opened: OpenedBackend;
  let store: EmissionStore;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    store = new EmissionStore(opened.db);
    queries = new EmissionQueries(opened.db);
  });
  afterAll(() => opened?.dispose());

  const original = {
    ...renderFact({
      tenant: T,
      projectId: 'p1',
      occurredAt: '2026-03-01T10:00:00Z',
      energyKwh: 2,
      artifactId: 'clip-1',
      eventId: EVENT,
    }),
    recordedAt: '2026-03-03T09:00:00Z',
  };
  // Re-sent later with another start (another day), project, artifact and energy.
  const correction = {
    ...renderFact({
      tenant: T,
      projectId: 'p2',
      occurredAt: '2026-03-02T10:00:00Z',
      energyKwh: 3,
      artifactId: 'clip-2',
      eventId: EVENT,
    }),
    recordedAt: '2026-03-03T09:05:00Z',
  };
  const commit = (facts: (typeof original)[]) =>
    store.commitBatch({ facts, artifacts: [], offsets: [] });
  const state = async () => ({
    p1: await queries.projectTotals(T, 'p1'),
    p2: await queries.projectTotals(T, 'p2'),
    clip1: await queries.artifactTotals(T, 'p1', 'clip-1'),
    clip2: await queries.artifactTotals(T, 'p2', 'clip-2'),
    p1Daily: await queries.dailyProjectTotals(T, 'p1', '2026-03-01', '2026-03-03'),
    p2Daily: await queries.dailyProjectTotals(T, 'p2', '2026-03-01', '2026-03-03'),
  });

  it('counts the version received last, even moved to another project and day', async () => {
    expect(await commit([original])).toEqual({ insertedFacts: 1, replacedFacts: 0 });
    expect(await commit([correction])).toEqual({ insertedFacts: 1, replacedFacts: 1 });
    const s = await state();
    // p1 lost its only fact: 0 kWh, 0 g, no activity, no day.
    expect(s.p1?.activityCount ?? 0).toBe(0);
    expect(s.p1?.co2eG ?? 0).toBeCloseTo(0, 9);
    expect(s.clip1?.co2eG ?? 0).toBeCloseTo(0, 9);
    expect(s.p1Daily).toEqual([]);
    // p2: 3 kWh × 100 g/kWh = 300 g, on 2026-03-02.
    expect(s.p2).toMatchObject({ activityCount: 1, energyKwh: 3 });
    expect(s.p2?.co2eG).toBeCloseTo(300, 9);
    expect(s.clip2?.co2eG).toBeCloseTo(300, 9);
    expect(s.p2Daily).toEqual([{ day: '2026-03-02', co2eG: 300, energyKwh: 3 }]);
  });

  it('replays (redelivery, rebuild) and older versions arriving late change nothing', async () => {
    const before = await state();
    expect(await commit([correction])).toEqual({ insertedFacts: 0, replacedFacts: 0 });
    expect(await commit([original])).toEqual({ insertedFacts: 0, replacedFacts: 0 });
    expect(await commit([original, correction, original])).toEqual({
      insertedFacts: 0,
      replacedFacts: 0,
    });
    expect(await state()).toEqual(before);
  });

  it('within one batch, only the version received last is written', async () => {
    const e = '6b8efff7-9803-5103-9269-b633813fc60c';
    const first = { ...original, eventId: e, projectId: 'p3' };
    const second = { ...correction, eventId: e, projectId: 'p3', energyKwh: 3 };
    expect(await commit([second, first])).toEqual({ insertedFacts: 1, replacedFacts: 0 });
    // 3 kWh × 100 g/kWh = 300 g, one activity
    const p3 = await queries.projectTotals(T, 'p3');
    expect(p3).toMatchObject({ activityCount: 1, energyKwh: 3 });
  });
});
