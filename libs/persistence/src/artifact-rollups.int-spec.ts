import { randomUUID } from 'node:crypto';
import { ArtifactInsightQueries } from './artifact-insight-queries';
import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { InsightsStore } from './insights-store';
import { PersistenceInputError } from './persistence-input.error';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const A = 'tenant-rollup-a';
const B = 'tenant-rollup-b';
const P = 'lineage';
const SEEN = '2026-03-01T10:00:00Z';

/*
 * Lineage (child → parent): v1, v2 → sh1 → sc → ep. Facts (fixture: 100 g/kWh location,
 * 50 g/kWh market, PUE 1, low/high ±10 %):
 *   v1  rejected  2   kWh       : 200 g, market 100 g
 *   v2  approved  1   kWh       : 100 g, market  50 g
 *   sh1 approved  0.5 kWh, M 5 g:  55 g, market  30 g   (0.5×50 + 5)
 *   sc  (none)    3   kWh       : 300 g, market 150 g
 *   ep  (none)    no facts, named only as sc's parent
 * Roll-ups by hand: v1 200; v2 100; sh1 200+100+55 = 355; sc 355+300 = 655; ep 655.
 * Iteration: delivered = approved/final artifacts' own grams, discarded = rejected ones':
 *   sh1: delivered 55+100 = 155, discarded 200; approved direct children: v2 → 1
 *   sc : delivered 155, discarded 200; approved direct children: sh1 → 1
 *   ep : delivered 155, discarded 200; direct child sc has no status → 0
 * sh1 states a duration of 12 s (greenops.artifact.duration_s on its activity).
 */
const facts = [
  { artifactId: 'v1', energyKwh: 2 },
  { artifactId: 'v2', energyKwh: 1 },
  { artifactId: 'sh1', energyKwh: 0.5, embodiedG: 5 },
  { artifactId: 'sc', energyKwh: 3 },
].map((f) => renderFact({ tenant: A, projectId: P, occurredAt: '2026-03-01T10:00:00Z', ...f }));
const artifacts = [
  { artifactId: 'v1', parentId: 'sh1', status: 'rejected' },
  { artifactId: 'v2', parentId: 'sh1', status: 'approved' },
  { artifactId: 'sh1', parentId: 'sc', status: 'approved' },
  { artifactId: 'sc', parentId: 'ep' },
].map((a) => ({ tenant: A, projectId: P, seenAt: SEEN, ...a }));

const key = (artifactId: string, projectId = P) => ({ projectId, artifactId });

describe.each(BACKENDS)('set-based artifact roll-ups on $name', (backend) => {
  let opened: OpenedBackend;
  let queries: EmissionQueries;
  let insights: ArtifactInsightQueries;

  beforeAll(async () => {
    opened = await backend.open();
    queries = new EmissionQueries(opened.db);
    insights = new ArtifactInsightQueries(opened.db);
    await new EmissionStore(opened.db).commitBatch({ facts, artifacts, offsets: [] });
    const sh1 = facts[2];
    await new InsightsStore(opened.db).record({
      measures: [
        {
          tenant: A,
          projectId: P,
          eventId: sh1.eventId,
          occurredAt: sh1.occurredAt,
          activityKind: 'render',
          artifactId: 'sh1',
          durationS: 3600,
          gpuHours: 0,
          storageTbMonths: 0,
          transferTb: 0,
          aiModality: null,
          aiModel: null,
          aiResolution: null,
          aiVideos: 0,
          aiVideoSeconds: 0,
          aiImages: 0,
          artifactDurationS: 12,
        },
      ],
    });
  });
  afterAll(() => opened?.dispose());

  it('sums each root of a batch as the per-artifact query does, in the order asked', async () => {
    const ids = ['ep', 'v1', 'sc', 'nope', 'sh1', 'v2'];
    const many = await queries.artifactTotalsMany(
      A,
      ids.map((id) => key(id)),
    );
    expect(many.map((t) => t.co2eG)).toEqual([
      expect.closeTo(655, 9),
      expect.closeTo(200, 9),
      expect.closeTo(655, 9),
      0,
      expect.closeTo(355, 9),
      expect.closeTo(100, 9),
    ]);
    // sh1 market 100+50+30 = 180; sc activities 4; ep low 0.9×655 = 589.5
    expect(many[4].co2eMarketG).toBeCloseTo(180, 9);
    expect(many[2].activityCount).toBe(4);
    expect(many[0].lowG).toBeCloseTo(589.5, 9);
    // Field by field the same as one recursive query per artifact.
    for (const [i, id] of ids.entries()) {
      expect(many[i]).toEqual(await queries.artifactTotals(A, P, id));
    }
  });

  it('splits each root into delivered and discarded, with duration and approved children', async () => {
    const [sh1, sc, ep, v2] = await insights.iterations(A, [
      key('sh1'),
      key('sc'),
      key('ep'),
      key('v2'),
    ]);
    expect(sh1).toEqual({
      co2eG: expect.closeTo(355, 9),
      co2eMarketG: expect.closeTo(180, 9),
      lowG: expect.closeTo(319.5, 9), // 0.9 × 355
      highG: expect.closeTo(390.5, 9), // 1.1 × 355
      deliveredG: expect.closeTo(155, 9),
      discardedG: expect.closeTo(200, 9),
      durationS: 12,
      approvedChildren: 1,
    });
    expect([sc.co2eG, sc.deliveredG, sc.discardedG, sc.approvedChildren]).toEqual([
      expect.closeTo(655, 9),
      expect.closeTo(155, 9),
      expect.closeTo(200, 9),
      1,
    ]);
    expect([ep.approvedChildren, ep.durationS]).toEqual([0, null]);
    expect([v2.deliveredG, v2.discardedG]).toEqual([expect.closeTo(100, 9), 0]);
    for (const [id, it] of [
      ['sh1', sh1],
      ['sc', sc],
      ['ep', ep],
      ['v2', v2],
    ] as const) {
      expect(it).toEqual(await insights.iteration(A, P, id));
    }
  });

  it('issues one statement per batch of 20 roots', async () => {
    const original = opened.db.dataSource.query.bind(opened.db.dataSource);
    const statements: string[] = [];
    const spy = jest
      .spyOn(opened.db.dataSource, 'query')
      .mockImplementation((sql: string, params?: unknown[]) => {
        statements.push(sql);
        return original(sql, params);
      });
    try {
      const roots = Array.from({ length: 20 }, (_, i) =>
        key(i < 4 ? ['v1', 'v2', 'sh1', 'sc'][i] : `x${i}`),
      );
      const totals = await queries.artifactTotalsMany(A, roots);
      const its = await insights.iterations(A, roots);
      expect(totals).toHaveLength(20);
      expect(its).toHaveLength(20);
      expect(totals[2].co2eG).toBeCloseTo(355, 9);
      expect(statements).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("answers another tenant's roots with zeros, and bounds the batch", async () => {
    const [t] = await queries.artifactTotalsMany(B, [key('ep')]);
    expect(t.activityCount).toBe(0);
    const [it] = await insights.iterations(B, [key('sh1')]);
    expect([it.co2eG, it.durationS, it.approvedChildren]).toEqual([0, null, 0]);
    const tooMany = Array.from({ length: 101 }, () => key(randomUUID()));
    await expect(queries.artifactTotalsMany(A, tooMany)).rejects.toThrow(PersistenceInputError);
    await expect(insights.iterations(A, [key('a\u0000b')])).rejects.toThrow(/artifactId/);
  });

  it('a parent cycle terminates and counts each artifact once per root', async () => {
    await new EmissionStore(opened.db).commitBatch({
      facts: [
        renderFact({
          tenant: A,
          projectId: 'cyc',
          occurredAt: SEEN,
          energyKwh: 1,
          artifactId: 'x',
        }),
        renderFact({
          tenant: A,
          projectId: 'cyc',
          occurredAt: SEEN,
          energyKwh: 2,
          artifactId: 'y',
        }),
      ],
      artifacts: [
        { tenant: A, projectId: 'cyc', artifactId: 'x', parentId: 'y', seenAt: SEEN },
        { tenant: A, projectId: 'cyc', artifactId: 'y', parentId: 'x', seenAt: SEEN },
      ],
      offsets: [],
    });
    // (1+2) kWh × 100 g/kWh = 300 g from either root
    const [x, y] = await queries.artifactTotalsMany(A, [key('x', 'cyc'), key('y', 'cyc')]);
    expect([x.co2eG, x.activityCount, y.co2eG, y.activityCount]).toEqual([300, 2, 300, 2]);
  });
});
