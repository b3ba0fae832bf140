import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const A = 'tenant-a';
const B = 'tenant-b';
const P = 'series-s01';

/*
 * Chain (child → parent): clip-1 → shot-1 → scene-1 → episode-1; episode-1 is only ever
 * named as scene-1's parent. Facts (fixture: 100 g/kWh location, 50 g/kWh market, PUE 1):
 *   f1 clip-1  2   kWh, M 10 g: co2e 2×100+10 = 210, market 2×50+10 = 110  (2026-03-01 10:00)
 *   f2 clip-1  1   kWh       : co2e 100,          market 50             (2026-03-01 23:30)
 *   f3 shot-1  0.5 kWh, M 5 g: co2e 50+5 = 55,    market 25+5 = 30       (2026-03-02 00:30)
 *   f4 scene-1 3   kWh       : co2e 300,          market 150            (2026-03-02 12:00)
 *   f5 (none)  4   kWh       : co2e 400,          market 200            (2026-03-04 09:00)
 */
const FACTS = [
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-01T10:00:00Z',
    energyKwh: 2,
    embodiedG: 10,
    artifactId: 'clip-1',
  }),
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-01T23:30:00Z',
    energyKwh: 1,
    artifactId: 'clip-1',
  }),
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-02T00:30:00Z',
    energyKwh: 0.5,
    embodiedG: 5,
    artifactId: 'shot-1',
  }),
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-02T12:00:00Z',
    energyKwh: 3,
    artifactId: 'scene-1',
  }),
  renderFact({ tenant: A, projectId: P, occurredAt: '2026-03-04T09:00:00Z', energyKwh: 4 }),
];
const SEEN = '2026-03-01T10:00:00Z';

describe.each(BACKENDS)('EmissionQueries on $name', (backend) => {
  let opened: OpenedBackend;
  let store: EmissionStore;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    store = new EmissionStore(opened.db);
    queries = new EmissionQueries(opened.db);
    await store.commitBatch({
      facts: FACTS,
      artifacts: [
        {
          tenant: A,
          projectId: P,
          artifactId: 'clip-1',
          parentId: 'shot-1',
          kind: 'video',
          status: 'draft',
          seenAt: SEEN,
        },
        {
          tenant: A,
          projectId: P,
          artifactId: 'shot-1',
          parentId: 'scene-1',
          kind: 'shot',
          seenAt: SEEN,
        },
        {
          tenant: A,
          projectId: P,
          artifactId: 'scene-1',
          parentId: 'episode-1',
          kind: 'scene',
          seenAt: SEEN,
        },
      ],
      offsets: [],
    });
  });
  afterAll(() => opened?.dispose());

  it('project totals sum every fact of the project', async () => {
    const t = await queries.projectTotals(A, P);
    // energy 2+1+0.5+3+4 = 10.5; co2e 210+100+55+300+400 = 1065; market 110+50+30+150+200 = 540
    // operational 200+100+50+300+400 = 1050; embodied 10+5 = 15; low 0.9×1065 = 958.5; high 1.1×1065 = 1171.5
    expect(t).toEqual({
      energyKwh: expect.closeTo(10.5, 9),
      co2eG: expect.closeTo(1065, 9),
      co2eMarketG: expect.closeTo(540, 9),
      operationalG: expect.closeTo(1050, 9),
      embodiedG: expect.closeTo(15, 9),
      trainingG: 0,
      lowG: expect.closeTo(958.5, 9),
      highG: expect.closeTo(1171.5, 9),
      activityCount: 5,
    });
  });

  it('splits project totals by GHG scope and category', async () => {
    const project = 'scoped-project';
    const cloud = renderFact({
      tenant: A,
      projectId: project,
      occurredAt: '2026-03-05T09:00:00Z',
      energyKwh: 2,
    });
    cloud.result = { ...cloud.result, scope: 3, category: 'scope3.cat1.purchased-cloud-services' };
    await store.commitBatch({
      facts: [
        renderFact({
          tenant: A,
          projectId: project,
          occurredAt: '2026-03-05T08:00:00Z',
          energyKwh: 1,
          embodiedG: 4,
        }),
        renderFact({
          tenant: A,
          projectId: project,
          occurredAt: '2026-03-05T08:30:00Z',
          energyKwh: 0.5,
        }),
        cloud,
      ],
      artifacts: [],
      offsets: [],
    });
    const rows = await queries.projectTotalsByScope(A, project);
    // scope 2: 1×100+4 + 0.5×100 = 154 g, 1.5 kWh, 2 activities; scope 3: 2×100 = 200 g, 2 kWh
    expect(rows.map((r) => [r.scope, r.category, r.activityCount])).toEqual([
      [2, 'scope2.purchased-electricity', 2],
      [3, 'scope3.cat1.purchased-cloud-services', 1],
    ]);
    expect(rows[0].co2eG).toBeCloseTo(154, 9);
    expect(rows[0].energyKwh).toBeCloseTo(1.5, 9);
    expect(rows[1].co2eG).toBeCloseTo(200, 9);
    expect(await queries.projectTotalsByScope(B, project)).toEqual([]);
  });

  it('an unknown project is null', async () => {
    expect(await queries.projectTotals(A, 'no-such-project')).toBeNull();
  });

  it('artifact totals roll up everything feeding in, transitively', async () => {
    const clip = await queries.artifactTotals(A, P, 'clip-1'); // f1+f2
    expect(clip.co2eG).toBeCloseTo(310, 9);
    expect(clip.energyKwh).toBeCloseTo(3, 9);
    expect(clip.activityCount).toBe(2);
    const shot = await queries.artifactTotals(A, P, 'shot-1'); // + f3: 310+55
    expect(shot.co2eG).toBeCloseTo(365, 9);
    expect(shot.co2eMarketG).toBeCloseTo(190, 9); // 110+50+30
    expect(shot.activityCount).toBe(3);
    const scene = await queries.artifactTotals(A, P, 'scene-1'); // + f4: 365+300
    expect(scene.co2eG).toBeCloseTo(665, 9);
    expect(scene.energyKwh).toBeCloseTo(6.5, 9); // 2+1+0.5+3
    expect(scene.activityCount).toBe(4);
    // Known only as a parent: exists, and reports the whole chain below it.
    expect(await queries.artifact(A, P, 'episode-1')).toEqual({
      id: 'episode-1',
      projectId: P,
      kind: null,
      status: null,
      parentId: null,
    });
    const episode = await queries.artifactTotals(A, P, 'episode-1');
    expect(episode.co2eG).toBeCloseTo(665, 9);
    expect(episode.embodiedG).toBeCloseTo(15, 9);
    expect(episode.lowG).toBeCloseTo(598.5, 9); // 0.9×665
    expect(episode.activityCount).toBe(4);
  });

  it('unknown artifacts are null with zero totals (never null sums)', async () => {
    expect(await queries.artifact(A, P, 'nope')).toBeNull();
    expect(await queries.artifactTotals(A, P, 'nope')).toEqual({
      energyKwh: 0,
      co2eG: 0,
      co2eMarketG: 0,
      operationalG: 0,
      embodiedG: 0,
      trainingG: 0,
      lowG: 0,
      highG: 0,
      activityCount: 0,
    });
  });

  it('a parent cycle terminates and counts each artifact once', async () => {
    await store.commitBatch({
      facts: [
        renderFact({
          tenant: A,
          projectId: 'cyc',
          occurredAt: '2026-03-01T10:00:00Z',
          energyKwh: 1,
          artifactId: 'x',
        }),
        renderFact({
          tenant: A,
          projectId: 'cyc',
          occurredAt: '2026-03-01T10:00:00Z',
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
    const t = await queries.artifactTotals(A, 'cyc', 'x');
    expect(t.co2eG).toBeCloseTo(300, 9); // (1+2) kWh × 100 g/kWh
    expect(t.activityCount).toBe(2);
  });

  it('tenant B sees nothing of tenant A', async () => {
    expect(await queries.projectTotals(B, P)).toBeNull();
    expect(await queries.artifact(B, P, 'clip-1')).toBeNull();
    expect((await queries.artifactTotals(B, P, 'episode-1')).activityCount).toBe(0);
    expect(await queries.listArtifacts(B, P, 10)).toEqual({
      nodes: [],
      hasNextPage: false,
      endCursor: null,
    });
    expect(await queries.dailyProjectTotals(B, P, '2026-03-01', '2026-03-05')).toEqual([]);
    // B's own data under the same ids does not leak into A's figures either.
    await store.commitBatch({
      facts: [
        renderFact({
          tenant: B,
          projectId: P,
          occurredAt: '2026-03-01T12:00:00Z',
          energyKwh: 100,
          artifactId: 'clip-1',
        }),
      ],
      artifacts: [
        { tenant: B, projectId: P, artifactId: 'clip-1', parentId: 'shot-1', seenAt: SEEN },
      ],
      offsets: [],
    });
    expect((await queries.artifactTotals(A, P, 'shot-1')).co2eG).toBeCloseTo(365, 9);
    expect((await queries.projectTotals(B, P))!.co2eG).toBeCloseTo(10000, 9); // 100 kWh × 100 g/kWh
  });

  it('counts artifacts of a kind, optionally by status (SCI functional units)', async () => {
    // clip-1 is the only 'video' (status draft); shot-1 is the only 'shot'
    expect(await queries.countArtifacts(A, P, 'video')).toBe(1);
    expect(await queries.countArtifacts(A, P, 'video', ['draft', 'final'])).toBe(1);
    expect(await queries.countArtifacts(A, P, 'video', ['final'])).toBe(0);
    expect(await queries.countArtifacts(A, P, 'shot')).toBe(1);
    expect(await queries.countArtifacts(B, P, 'video')).toBe(0);
  });

  it('pages artifacts by id with an opaque cursor', async () => {
    // Project P of A holds clip-1, episode-1, scene-1, shot-1 (sorted by id).
    const p1 = await queries.listArtifacts(A, P, 3);
    expect(p1.nodes.map((n) => n.id)).toEqual(['clip-1', 'episode-1', 'scene-1']);
    expect(p1.hasNextPage).toBe(true);
    expect(p1.endCursor).not.toContain('scene-1');
    expect(p1.nodes[0]).toEqual({
      id: 'clip-1',
      projectId: P,
      kind: 'video',
      status: 'draft',
      parentId: 'shot-1',
      cursor: expect.any(String),
    });
    // a node's cursor continues right after it
    const fromFirst = await queries.listArtifacts(A, P, 1, p1.nodes[0].cursor);
    expect(fromFirst.nodes.map((n) => n.id)).toEqual(['episode-1']);
    expect(p1.endCursor).toBe(p1.nodes[2].cursor);
    const p2 = await queries.listArtifacts(A, P, 3, p1.endCursor!);
    expect(p2.nodes.map((n) => n.id)).toEqual(['shot-1']);
    expect(p2.hasNextPage).toBe(false);
    const p3 = await queries.listArtifacts(A, P, 3, p2.endCursor!);
    expect(p3).toEqual({ nodes: [], hasNextPage: false, endCursor: null });
    await expect(queries.listArtifacts(A, P, 3, 'garbage!')).rejects.toMatchObject({
      field: 'after',
    });
    await expect(queries.listArtifacts(A, P, -1)).rejects.toMatchObject({ field: 'first' });
  });

  it('daily totals per UTC day, from the aggregate / rollup, including late facts', async () => {
    // 03-01: f1+f2 = 210+100 = 310 g, 3 kWh; 03-02: f3+f4 = 55+300 = 355 g, 3.5 kWh;
    // 03-04 is excluded: `to` is exclusive.
    const days = await queries.dailyProjectTotals(
      A,
      P,
      '2026-03-01T00:00:00Z',
      '2026-03-04T00:00:00Z',
    );
    expect(days.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(days[0].co2eG).toBeCloseTo(310, 9);
    expect(days[0].energyKwh).toBeCloseTo(3, 9);
    expect(days[1].co2eG).toBeCloseTo(355, 9);
    expect(days[1].energyKwh).toBeCloseTo(3.5, 9);
    if (backend.expectTimescale) {
      // What the refresh policy does on a server with background workers: materialise all.
      await opened.db.dataSource.query(
        `call refresh_continuous_aggregate('project_daily_emissions', null, null)`,
      );
    }
    // A late fact for a day already materialised: 0.25 kWh × 100 = 25 g → 335 g, 3.25 kWh.
    await store.commitBatch({
      facts: [
        renderFact({
          tenant: A,
          projectId: P,
          occurredAt: '2026-03-01T05:00:00Z',
          energyKwh: 0.25,
        }),
      ],
      artifacts: [],
      offsets: [],
    });
    const again = await queries.dailyProjectTotals(A, P, '2026-03-01', '2026-03-05');
    expect(again.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-04']);
    expect(again[0].co2eG).toBeCloseTo(335, 9);
    expect(again[0].energyKwh).toBeCloseTo(3.25, 9);
    expect(again[2].co2eG).toBeCloseTo(400, 9);
    await expect(
      queries.dailyProjectTotals(A, P, '2026-03-05', '2026-03-01'),
    ).rejects.toMatchObject({ field: 'to' });
    await expect(queries.dailyProjectTotals(A, P, 'yesterday', '2026-03-01')).rejects.toMatchObject(
      { field: 'from' },
    );
  });

  it('refuses ids with NUL or other control characters, naming the argument', async () => {
    // Unchecked, PostgreSQL fails on NUL ("invalid byte sequence") instead of naming the field.
    await expect(queries.projectTotals(A, 'p\u0000')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'projectId',
    });
    await expect(queries.artifact(A, P, 'clip\u001b[2J')).rejects.toMatchObject({
      field: 'artifactId',
    });
    await expect(queries.countArtifacts(A, P, 'video', ['final\u0000'])).rejects.toMatchObject({
      field: 'statuses[0]',
    });
  });

  it('bounds ids read back from old oversized rows, and pages past them', async () => {
    // Rows ingest would refuse today (ids over 256 characters), written straight to the table
    // as an older version could have: 3000-character id and kind, in a project of their own.
    const long = 'L'.repeat(3000);
    await opened.db.dataSource.query(
      `insert into artifacts (tenant_id, project_id, artifact_id, kind, first_seen_at, updated_at)
       values ($1, 'oversized', $2, $3, now(), now()), ($1, 'oversized', 'M-after', null, now(), now())`,
      [A, long, long],
    );
    const page = await queries.listArtifacts(A, 'oversized', 1);
    // 511 characters of the id, then an ellipsis: 512 in all (MAX_RETURNED_ID_CHARS)
    expect(page.nodes[0].id).toBe(`${'L'.repeat(511)}…`);
    expect(page.nodes[0].kind).toBe(`${'L'.repeat(511)}…`);
    expect(page.nodes[0].cursor.length).toBeLessThan(1000);
    const next = await queries.listArtifacts(A, 'oversized', 1, page.endCursor!);
    expect(next.nodes.map((n) => n.id)).toEqual(['M-after']);
    expect(next.hasNextPage).toBe(false);
  });
});
