import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort, runBuiltCli, waitFor } from '@greenops/testing';
import { graphql } from './support/graphql-client';
import { ServiceProcess } from './support/service-process';
import { axeViolations, freshPage, launchChromium } from './support/browser';

const ROOT = join(__dirname, '..');

/** What the page functions below use of the browser (the e2e program has no DOM typings). */
interface InPage {
  sessionStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
  localStorage: { setItem(key: string, value: string): void };
  document: { activeElement: { textContent: string | null } | null };
}
const SERIES = 'demo-series-ep101';
const COMMERCIAL = 'demo-commercial-30s';

/** "1.87 t CO₂e" → grams (the page's three significant figures), or NaN. */
function gramsOf(text: string): number {
  const m = /^([\d,]*\.?\d+) (g|kg|t) CO₂e$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]!.replace(/,/g, '')) * { g: 1, kg: 1e3, t: 1e6 }[m[2] as 'g' | 'kg' | 't'];
}

/** The shown figure is the GraphQL value rounded to three significant figures: within 0.5 %. */
function expectShown(text: string, grams: number): void {
  const shown = gramsOf(text);
  expect(Math.abs(shown - grams)).toBeLessThanOrEqual(Math.abs(grams) * 0.005 + 0.005);
}

/**
 * The dashboard in Debian's Chromium against the built platform (embedded mode, as `npm start`):
 * sign-in, the empty state on a fresh data dir, live updates, every page on the demo production
 * (`npm run demo`) with its numbers checked against GraphQL, axe-core, roles, keyboard use.
 */
describe('dashboard in a browser (embedded platform, demo data)', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'greenops-e2e-dashboard-')), 'data');
  const adminKey = 'dashboard-e2e-admin-key-0123456789';
  let readKey: string;
  let platform: ServiceProcess;
  let env: Record<string, string>;
  let base: string;
  let otlpHttpUrl: string;
  let browser: Browser;
  const problems: string[] = [];
  let demo: Promise<Record<string, number>> | undefined;

  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await graphql<T>(`${base}/graphql`, adminKey, query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  }

  async function activityCount(project: string): Promise<number> {
    const data = await gql<{ project: { byScope: Array<{ activityCount: number }> } | null }>(
      'query($id: ID!) { project(id: $id) { byScope { activityCount } } }',
      { id: project },
    );
    return (data.project?.byScope ?? []).reduce((n, s) => n + s.activityCount, 0);
  }

  /** `npm run demo` against the platform (once), then every demo span projected. */
  function ensureDemo(): Promise<Record<string, number>> {
    demo ??= (async () => {
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [join(ROOT, 'dist/tools/demo/src/main.js')], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', ...env, GREENOPS_API_KEY: adminKey },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
        child.once('error', reject);
        child.once('close', (code) =>
          code === 0 ? resolve(text) : reject(new Error(`demo exited ${code}:\n${text}`)),
        );
      });
      expect(out).toContain(`${base}/#/project/${SERIES}`);
      const result = JSON.parse(/^DEMO_RESULT (.*)$/m.exec(out)![1]!) as {
        counts: Record<string, number>;
      };
      // The demo's admin actions (the key is admin): both declarations, the hand-set status,
      // the retention policy and the legal hold, projected.
      await waitFor(
        async () => {
          const d = await gql<{
            s: { declaration: { name: string } | null } | null;
            c: { declaration: { name: string } | null } | null;
            retentionPolicies: unknown[];
            legalHolds: unknown[];
            artifact: { status: string | null } | null;
          }>(
            `query($s: ID!, $c: ID!) { s: project(id: $s) { declaration { name } } c: project(id: $c) { declaration { name } }
               retentionPolicies { id } legalHolds { artifactId } artifact(projectId: $s, id: "ep101-sc03-sh01-v3") { status } }`,
            { s: SERIES, c: COMMERCIAL },
          );
          return (
            !!d.s?.declaration &&
            !!d.c?.declaration &&
            d.retentionPolicies.length === 1 &&
            d.legalHolds.length === 1 &&
            d.artifact?.status === 'final'
          );
        },
        {
          timeoutMs: 120_000,
          intervalMs: 500,
          description: `the demo's declarations and actions projected`,
        },
      );
      for (const [project, n] of Object.entries(result.counts)) {
        await waitFor(async () => (await activityCount(project)) === n, {
          timeoutMs: 120_000,
          intervalMs: 250,
          description: `${n} demo spans of ${project} projected (log:\n${platform.log})`,
        });
      }
      return result.counts;
    })();
    return demo;
  }

  /** Presses Tab until the focused element's text matches (at most 60 times). */
  async function tabTo(page: Page, text: RegExp): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        () => (globalThis as unknown as InPage).document.activeElement?.textContent ?? '',
      );
      if (text.test(focused.trim())) return;
    }
    throw new Error(`Tab never reached ${text}`);
  }

  async function signIn(page: Page, key: string, hash = ''): Promise<void> {
    await page.goto(`${base}/${hash}`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('viewer').waitFor();
  }

  async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const { context, page } = await freshPage(browser, problems);
    try {
      return await fn(page);
    } finally {
      await context.close();
    }
  }

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    env = {
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: adminKey,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    };
    base = `http://127.0.0.1:${graphqlPort}`;
    otlpHttpUrl = `http://127.0.0.1:${httpPort}/v1/traces`;
    // A read-only key needs the keys CLI, which needs a data dir and the platform stopped.
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', env);
    await platform.start(/Dashboard\s+http/, 120_000);
    await platform.stop();
    const created = await runBuiltCli(['keys', 'create', '--tenant', 'default', '--role', 'read'], {
      GREENOPS_DATA_DIR: dataDir,
    });
    expect(created.code).toBe(0);
    readKey = created.stdout.trim();
    await platform.start(/Dashboard\s+http/, 120_000);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  afterEach(() => {
    // Every page ran under the gateway's CSP without a violation or an uncaught error.
    expect(problems.splice(0)).toEqual([]);
  });

  it('is served at / with a strict CSP, and /graphql is unchanged', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const config = (await (await fetch(`${base}/dashboard-config.json`)).json()) as {
      otlpHttpUrl: string;
    };
    expect(config.otlpHttpUrl).toBe(otlpHttpUrl);
    // GraphQL: a browser GET is still refused by CSRF prevention, a POST with a key answers.
    expect((await fetch(`${base}/graphql?query=%7Bviewer%7Btenant%7D%7D`)).status).toBe(400);
    expect(await gql('{ viewer { tenant roles } }')).toEqual({
      viewer: { tenant: 'default', roles: ['ingest', 'read', 'admin'] },
    });
  });

  it('shows a fresh data dir how to send the first span, then the spans live, without a reload', async () => {
    await withPage(async (page) => {
      await signIn(page, adminKey);
      await page.getByRole('heading', { name: 'Send your first span' }).waitFor();
      expect(await page.getByTestId('otlp-url').textContent()).toBe(otlpHttpUrl);
      expect(await page.locator('pre').first().textContent()).toContain(`curl -s '${otlpHttpUrl}'`);
      await page.getByLabel('Project id (greenops.project.id)').fill(SERIES);
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByTestId('empty-project').waitFor();
      expect(await page.getByTestId('otlp-url').textContent()).toBe(otlpHttpUrl);
      expect(await page.locator('pre').first().textContent()).toContain(
        `"stringValue":"${SERIES}"`,
      );
      const url = page.url();
      await ensureDemo();
      // Polling brings the projected demo onto the open page: same URL, no navigation.
      await page.getByTestId('total-co2e').waitFor({ timeout: 30_000 });
      expect(page.url()).toBe(url);
    });
  });

  it('project page: totals, band, market, scopes, series and KPI equal the GraphQL answers', async () => {
    await ensureDemo();
    const { project, sci, kpis } = await gql<{
      project: {
        emissions: {
          co2eG: number;
          co2eMarketG: number;
          lowG: number;
          highG: number;
          energyKwh: number;
        };
        byScope: Array<{ category: string; emissions: { co2eG: number } }>;
        daily: Array<{ bucketStart: string; co2eG: number }>;
        weekly: Array<{ bucketStart: string; co2eG: number }>;
        dataQuality: { measuredShare: number; modelledShare: number; proxyShare: number };
      };
      sci: { sci: { co2eGPerUnit: number; quantity: number } };
      kpis: {
        kpis: { gPerFinishedMinute: number; gPerShootDay: number };
        perMinute: { rank: number; cohort: { projectCount: number; median: number } };
      };
    }>(
      `query($id: ID!, $from: String!, $to: String!) {
        project(id: $id) { emissions { co2eG co2eMarketG lowG highG energyKwh } byScope { category emissions { co2eG } }
          daily: series(bucket: DAY, from: $from, to: $to) { bucketStart co2eG }
          weekly: series(bucket: WEEK, from: $from, to: $to) { bucketStart co2eG }
          dataQuality { measuredShare modelledShare proxyShare } }
        sci: project(id: $id) { sci(per: { artifactKind: "shot" }) { co2eGPerUnit quantity } }
        kpis: project(id: $id) { kpis { gPerFinishedMinute gPerShootDay } perMinute: benchmark(kpi: G_PER_FINISHED_MINUTE) { rank cohort { projectCount median } } }
      }`,
      {
        id: SERIES,
        // The page's default period: the last 90 UTC days, today included.
        from: new Date(
          Date.UTC(
            new Date().getUTCFullYear(),
            new Date().getUTCMonth(),
            new Date().getUTCDate() + 1,
          ) -
            90 * 86_400_000,
        ).toISOString(),
        to: new Date(
          Date.UTC(
            new Date().getUTCFullYear(),
            new Date().getUTCMonth(),
            new Date().getUTCDate() + 1,
          ),
        ).toISOString(),
      },
    );
    await withPage(async (page) => {
      await signIn(page, adminKey, `#/project/${SERIES}`);
      const total = page.getByTestId('total-co2e');
      await total.waitFor();
      const e = project.emissions;
      expect(Number(await total.getAttribute('value'))).toBe(e.co2eG);
      expectShown((await total.textContent())!, e.co2eG);
      expectShown((await page.getByTestId('total-market').textContent())!, e.co2eMarketG);
      expect(await page.getByTestId('total-band').getAttribute('value')).toBe(
        `${e.lowG} ${e.highG}`,
      );
      expect(Number(await page.getByTestId('total-energy').getAttribute('value'))).toBe(
        e.energyKwh,
      );
      // By scope: one row per category, each figure GraphQL's.
      const rows = page.getByTestId('scope-table').locator('tbody tr');
      expect(await rows.count()).toBe(project.byScope.length);
      for (const s of project.byScope) {
        const cell = page
          .getByTestId('scope-table')
          .locator('tr', { hasText: s.category })
          .locator('data');
        expect(Number(await cell.getAttribute('value'))).toBe(s.emissions.co2eG);
      }
      // The series is the API's: one row per day with data (kinds summed), then per week.
      await page.getByText('Show the numbers').click();
      const days = new Set(project.daily.map((d) => d.bucketStart));
      expect(await page.getByTestId('series-table').locator('tbody tr').count()).toBe(days.size);
      await page.getByLabel('Weekly').check();
      const weeks = new Map<string, number>();
      for (const w of project.weekly)
        weeks.set(w.bucketStart, (weeks.get(w.bucketStart) ?? 0) + w.co2eG);
      await waitFor(
        async () =>
          (await page.getByTestId('series-table').locator('tbody tr').count()) === weeks.size,
        { timeoutMs: 30_000, intervalMs: 250, description: 'the weekly rows' },
      );
      const weekly = await page
        .getByTestId('series-table')
        .locator('tbody tr td:nth-child(2) data')
        .evaluateAll((els) => els.map((el) => Number(el.getAttribute('value'))));
      expect(weekly).toHaveLength(weeks.size);
      [...weeks.keys()].sort().forEach((w, i) => expect(weekly[i]).toBeCloseTo(weeks.get(w)!, 6));
      // KPIs with the benchmark. The demo declares 44 finished minutes and 5 shoot days
      // (tools/demo/src/demo-declarations.ts): g per finished minute = total ÷ 44, per shoot day
      // = total ÷ 5; the only series of the tenant, so rank 1 of 1 and the median is its own.
      const kpiRow = (kpi: string) => page.getByTestId('kpi-table').locator(`tr[data-kpi=${kpi}]`);
      await kpiRow('G_PER_FINISHED_MINUTE').locator('data[data-field=value]').waitFor();
      const perMinute = Number(
        await kpiRow('G_PER_FINISHED_MINUTE')
          .locator('data[data-field=value]')
          .getAttribute('value'),
      );
      expect(perMinute).toBeCloseTo(e.co2eG / 44, 6);
      expect(perMinute).toBe(kpis.kpis.gPerFinishedMinute);
      expectShown(
        (await kpiRow('G_PER_FINISHED_MINUTE').locator('data[data-field=value]').textContent())!,
        e.co2eG / 44,
      );
      expect(
        Number(
          await kpiRow('G_PER_SHOOT_DAY').locator('data[data-field=value]').getAttribute('value'),
        ),
      ).toBeCloseTo(e.co2eG / 5, 6);
      expect(await kpiRow('G_PER_FINISHED_MINUTE').locator('[data-field=rank]').textContent()).toBe(
        '1 of 1',
      );
      expect(kpis.perMinute).toMatchObject({ rank: 1, cohort: { projectCount: 1 } });
      expect(
        Number(
          await kpiRow('G_PER_FINISHED_MINUTE')
            .locator('data[data-field=median]')
            .getAttribute('value'),
        ),
      ).toBeCloseTo(e.co2eG / 44, 6);
      // KPI per shot (the default functional unit): 12 shots in the demo (4 scenes × 3).
      expect(sci.sci.quantity).toBe(12);
      const kpi = page.getByTestId('kpi-value');
      await kpi.waitFor();
      expect(Number(await kpi.getAttribute('value'))).toBe(sci.sci.co2eGPerUnit);
      // Top artifacts: the first row is the artifact with the most emissions.
      const top = page.getByTestId('artifact-table').locator('tbody tr').first();
      await top.waitFor();
      expect(await top.locator('th').textContent()).toBe('ep101'); // the episode holds everything
      expect(await page.getByTestId('method-statement').textContent()).toContain('Carbon Trust');
      // Data quality: the three shares GraphQL gives, in that order.
      const shares = await page
        .getByTestId('data-quality')
        .locator('data')
        .evaluateAll((els) => els.map((el) => Number(el.getAttribute('value'))));
      const q = project.dataQuality;
      expect(shares).toEqual([q.measuredShare, q.modelledShare, q.proxyShare]);
      // Downloads: the methodological statement (the gateway's report, with the key) and CSV.
      const [statement] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Methodological statement (Markdown)' }).click(),
      ]);
      expect(statement.suggestedFilename()).toBe(`${SERIES}-methodological-statement.md`);
      // The gateway's report (GET /reports/projects/<id>.csv), fetched with the key.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Report by month and kind (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${SERIES}-report.csv`);
    });
  });

  it('artifact drill-down: roll-up, lineage and kept vs discarded iterations equal GraphQL', async () => {
    await ensureDemo();
    const all: Array<{
      id: string;
      parentId: string | null;
      status: string | null;
      emissions: { co2eG: number };
    }> = [];
    let after: string | null = null;
    do {
      const page: {
        project: {
          artifacts: {
            nodes: typeof all;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
      } = await gql(
        'query($id: ID!, $after: String) { project(id: $id) { artifacts(first: 25, after: $after) { nodes { id parentId status emissions { co2eG } } pageInfo { hasNextPage endCursor } } } }',
        { id: SERIES, after },
      );
      all.push(...page.project.artifacts.nodes);
      after = page.project.artifacts.pageInfo.hasNextPage
        ? page.project.artifacts.pageInfo.endCursor
        : null;
    } while (after);
    const sceneId = 'ep101-sc01';
    const scene = await gql<{ artifact: { emissions: { co2eG: number } } }>(
      'query($p: ID!, $id: ID!) { artifact(projectId: $p, id: $id) { emissions { co2eG } } }',
      { p: SERIES, id: sceneId },
    );
    const children = all.filter((a) => a.parentId === sceneId);
    const sum = (status: string[]) =>
      children
        .filter((c) => status.includes(c.status ?? ''))
        .reduce((n, c) => n + c.emissions.co2eG, 0);
    const descendants = (id: string): number =>
      all.filter((a) => a.parentId === id).reduce((n, c) => n + 1 + descendants(c.id), 0);
    await withPage(async (page) => {
      await signIn(page, adminKey, `#/project/${SERIES}`);
      // Click through: top artifact (the episode), then its scene in the lineage tree.
      await page
        .getByTestId('artifact-table')
        .getByRole('link', { name: 'ep101', exact: true })
        .click();
      await page.getByTestId('lineage').getByRole('link', { name: sceneId, exact: true }).click();
      const co2e = page.getByTestId('artifact-co2e');
      await page.getByRole('heading', { name: `Artifact ${sceneId}` }).waitFor();
      expect(Number(await co2e.getAttribute('value'))).toBe(scene.artifact.emissions.co2eG);
      await page.getByTestId('lineage').waitFor();
      expect(await page.getByTestId('lineage').getByRole('listitem').count()).toBe(
        1 + descendants(sceneId),
      );
      // The demo's scene 1: previz takes 1–3 rejected; take 4, the mood board and the three
      // final shots kept.
      expect(Number(await page.getByTestId('kept-co2e').getAttribute('value'))).toBeCloseTo(
        sum(['approved', 'final', 'delivered']),
        6,
      );
      expect(Number(await page.getByTestId('discarded-co2e').getAttribute('value'))).toBeCloseTo(
        sum(['rejected']),
        6,
      );
      expect(children.filter((c) => c.status === 'rejected')).toHaveLength(3);
      // The cost of iteration over the whole roll-up is the API's.
      const { artifact } = await gql<{
        artifact: { iteration: { deliveredG: number; discardedG: number; inProgressG: number } };
      }>(
        'query($p: ID!, $id: ID!) { artifact(projectId: $p, id: $id) { iteration { deliveredG discardedG inProgressG } } }',
        { p: SERIES, id: sceneId },
      );
      for (const [testId, grams] of [
        ['iteration-delivered', artifact.iteration.deliveredG],
        ['iteration-discarded', artifact.iteration.discardedG],
        ['iteration-in-progress', artifact.iteration.inProgressG],
      ] as const) {
        expect(Number(await page.getByTestId(testId).getAttribute('value'))).toBe(grams);
        expectShown((await page.getByTestId(testId).textContent())!, grams);
      }
    });
    // The version the demo signs off by hand: approved by its render span, then final.
    await withPage(async (page) => {
      await signIn(page, adminKey, `#/project/${SERIES}/artifact/ep101-sc03-sh01-v3`);
      const history = page.getByTestId('status-history').getByRole('listitem');
      await history.first().waitFor();
      const items = await history.allTextContents();
      expect(items).toHaveLength(2);
      expect(items[0]).toMatch(/approved from a span$/);
      expect(items[1]).toMatch(/final set by hand$/);
      // Per artifact: R = 1, so the SCI is the roll-up itself.
      const roll = Number(await page.getByTestId('artifact-co2e').getAttribute('value'));
      expect(
        Number(
          await page
            .getByTestId('artifact-sci')
            .locator('tr[data-unit=ARTIFACT] data')
            .first()
            .getAttribute('value'),
        ),
      ).toBeCloseTo(roll, 6);
    });
  });

  it('portfolio: the start page once there are projects; totals, KPIs, rank and filters equal GraphQL', async () => {
    await ensureDemo();
    const { projects } = await gql<{
      projects: {
        totalCount: number;
        nodes: Array<{ id: string; emissions: { co2eG: number } }>;
      };
    }>(
      '{ projects(first: 20, orderBy: CO2E_DESC) { totalCount nodes { id emissions { co2eG } } } }',
    );
    // The demo's two productions, the series (episode, six weeks) the larger.
    expect(projects.totalCount).toBe(2);
    expect(projects.nodes.map((p) => p.id)).toEqual([SERIES, COMMERCIAL]);
    await withPage(async (page) => {
      await signIn(page, adminKey);
      await page.getByRole('heading', { name: 'Portfolio' }).waitFor();
      await page.getByTestId('portfolio-table').waitFor();
      const rows = page.getByTestId('portfolio-table').locator('tbody tr');
      expect(await rows.count()).toBe(2);
      for (const [i, p] of projects.nodes.entries()) {
        const row = rows.nth(i);
        expect(await row.getAttribute('data-project')).toBe(p.id);
        const co2e = row.getByTestId('portfolio-co2e');
        expect(Number(await co2e.getAttribute('value'))).toBe(p.emissions.co2eG);
        expectShown((await co2e.textContent())!, p.emissions.co2eG);
      }
      // Declared units (tools/demo/src/demo-declarations.ts): the series 44 finished minutes
      // and 5 shoot days, the commercial 0.5 minutes and 1 shoot day.
      const units = { [SERIES]: [44, 5], [COMMERCIAL]: [0.5, 1] } as const;
      for (const [i, p] of projects.nodes.entries()) {
        const row = rows.nth(i);
        const perMinute = row.getByTestId('portfolio-per-minute');
        await perMinute.waitFor();
        const [minutes, days] = units[p.id as keyof typeof units];
        expect(Number(await perMinute.getAttribute('value'))).toBeCloseTo(
          p.emissions.co2eG / minutes,
          6,
        );
        expectShown((await perMinute.textContent())!, p.emissions.co2eG / minutes);
        expect(
          Number(await row.getByTestId('portfolio-per-shoot-day').getAttribute('value')),
        ).toBeCloseTo(p.emissions.co2eG / days, 6);
        // Each is the only project of its type: rank 1 of 1.
        expect(await row.getByTestId('portfolio-rank').textContent()).toBe('1 of 1');
      }
      // Filter by production type: the commercial only.
      await page.getByLabel('Production type').selectOption('COMMERCIAL');
      await waitFor(async () => (await rows.count()) === 1, {
        timeoutMs: 30_000,
        intervalMs: 250,
        description: 'the commercial only',
      });
      expect(await rows.first().getAttribute('data-project')).toBe(COMMERCIAL);
      // Filter by period: both productions ended yesterday, so both were active in the last 30 days.
      await page.getByLabel('Production type').selectOption('');
      await page.getByLabel('Period').selectOption('30');
      await waitFor(async () => (await rows.count()) === 2, {
        timeoutMs: 30_000,
        intervalMs: 250,
        description: 'both projects active in the last 30 days',
      });
    });
  });

  it('retention: policy, preview with avoided kg CO2e a year, hold, holdings and audit equal GraphQL', async () => {
    await ensureDemo();
    const { retentionPolicies } = await gql<{
      retentionPolicies: Array<{ id: string; name: string }>;
    }>('{ retentionPolicies { id name } }');
    const policy = retentionPolicies[0]!;
    const { retentionPreview } = await gql<{
      retentionPreview: {
        candidateCount: number;
        bytes: number;
        excludedLegalHold: number;
        avoidedKgCo2ePerYear: { nominal: number };
      };
    }>(
      'query($id: ID!) { retentionPreview(policyId: $id) { candidateCount bytes excludedLegalHold avoidedKgCo2ePerYear { nominal } } }',
      { id: policy.id },
    );
    // By hand from the demo: 4 scenes × 3 shots × 3 versions = 36 versions on the NAS. The
    // policy names rejected and final: the 6 approved v3 of scenes 3 and 4 are not selected,
    // except sc03-sh01-v3, set final today, which is too young (7 days since its status
    // change); sc01-sh01-v1 is held. 36 − 6 − 1 = 29 candidates, 1 excluded by the hold.
    expect(retentionPreview.candidateCount).toBe(29);
    expect(retentionPreview.excludedLegalHold).toBe(1);
    // 1.5 TB each: 29 × 1.5e12 = 43.5e12 bytes.
    expect(retentionPreview.bytes).toBe(43.5e12);
    await withPage(async (page) => {
      await signIn(page, adminKey, '#/retention');
      const row = page.getByTestId('policy-table').locator('tr', { hasText: policy.name });
      await row.waitFor();
      expect(await row.textContent()).toContain('move to tape');
      await row.getByRole('button', { name: /^Preview/ }).click();
      const preview = page.getByTestId('retention-preview');
      await preview.waitFor();
      expect(Number(await page.getByTestId('preview-candidates').getAttribute('value'))).toBe(29);
      expect(Number(await page.getByTestId('preview-held').getAttribute('value'))).toBe(1);
      const avoided = page.getByTestId('preview-avoided');
      const avoidedG = retentionPreview.avoidedKgCo2ePerYear.nominal * 1000;
      expect(Number(await avoided.getAttribute('value'))).toBeCloseTo(avoidedG, 6);
      expectShown((await avoided.textContent())!, avoidedG);
      expect(await page.getByTestId('candidate-table').locator('tbody tr').count()).toBe(25); // the first 25 of 29
      // The hold, the holdings (36 versions × 1.5 TB = 54 TB on isilon-ldn-1), the audit.
      expect(await page.getByTestId('hold-table').textContent()).toContain('ep101-sc01-sh01-v1');
      // The holdings picker starts with the first project by id (the commercial, which keeps
      // none); the series keeps its render versions on the NAS.
      await page.getByTestId('no-holdings').waitFor();
      await page
        .locator('section', { has: page.getByRole('heading', { name: 'Holdings' }) })
        .locator('select')
        .selectOption(SERIES);
      const holdings = page.getByTestId('holdings-table');
      await holdings.waitFor();
      expect(await holdings.locator('tbody tr').count()).toBe(1);
      expect(await holdings.locator('tbody tr').textContent()).toContain('isilon-ldn-1');
      expect(
        Number(await holdings.locator('tbody tr td:nth-child(4) data').getAttribute('value')),
      ).toBe(54e12);
      const audit = page.getByTestId('audit-table');
      await audit.locator('tbody tr th', { hasText: 'policy defined' }).waitFor();
      expect(await audit.textContent()).toContain('legal hold set');
      // No deletion request yet: the demo's policy moves, and nothing was enforced.
      await page.getByTestId('no-deletion-requests').waitFor();
      // Admin actions are offered to the admin key.
      await page.getByTestId('action-define-policy').waitFor();
      expect(await page.getByTestId('action-retire-policy').count()).toBe(1);
      expect(await page.getByTestId('action-release-hold').count()).toBe(1);
      expect(await page.getByTestId('action-set-hold').count()).toBe(1);
    });
  });

  it('retention: the deletion requests list shows what deletionRequests answers, filtered by system and status', async () => {
    await ensureDemo();
    // Two render versions of scene 2 (not under the hold on scene 1), each held once on the NAS.
    const artifactIds = ['ep101-sc02-sh01-v1', 'ep101-sc02-sh02-v1'];
    await gql(
      `mutation($input: RequestDeletionInput!) { requestDeletion(input: $input) { eventId } }`,
      {
        input: {
          projectId: SERIES,
          artifactIds,
          reason: 'e2e: superseded versions',
          policyRef: 'e2e-decision-1',
          idempotencyKey: 'e2e-deletion-requests-1',
          graceDays: 7,
        },
      },
    );
    type Request = {
      requestId: string;
      artifactId: string;
      storageSystem: string;
      bytes: number;
      deadline: string;
      status: string;
    };
    const list = async (status?: string) =>
      (
        await gql<{ deletionRequests: Request[] }>(
          'query($status: DeletionRequestStatus) { deletionRequests(first: 100, status: $status) { requestId artifactId storageSystem bytes deadline status } }',
          { status: status ?? null },
        )
      ).deletionRequests;
    await waitFor(async () => (await list()).length === 2, {
      timeoutMs: 60_000,
      intervalMs: 250,
      description: 'the two deletion requests projected',
    });
    // The holder confirms the first: 1.5 TB deleted (each version holds 1.5e12 bytes).
    const first = (await list()).find((r) => r.artifactId === artifactIds[0])!;
    await gql(
      'mutation($id: ID!) { confirmDeletion(requestId: $id, deletedBytes: 1.5e12) { eventId } }',
      { id: first.requestId },
    );
    await waitFor(async () => (await list('CONFIRMED')).length === 1, {
      timeoutMs: 60_000,
      intervalMs: 250,
      description: 'the confirmation projected',
    });
    const all = await list();
    // By hand: one request per holding, 2 artifacts × 1 holding each on isilon-ldn-1.
    expect(all.map((r) => [r.artifactId, r.storageSystem, r.bytes, r.status]).sort()).toEqual([
      ['ep101-sc02-sh01-v1', 'isilon-ldn-1', 1.5e12, 'CONFIRMED'],
      ['ep101-sc02-sh02-v1', 'isilon-ldn-1', 1.5e12, 'PENDING'],
    ]);
    await withPage(async (page) => {
      await signIn(page, readKey, '#/retention');
      const table = page.getByTestId('deletion-request-table');
      await table.waitFor();
      const rows = table.getByTestId('deletion-request');
      expect(await rows.count()).toBe(all.length);
      for (let i = 0; i < all.length; i++) {
        const row = rows.nth(i);
        const r = all[i]!; // both oldest first
        expect(await row.getByTestId('dr-system').textContent()).toBe(r.storageSystem);
        expect(await row.getByTestId('dr-artifact').textContent()).toContain(r.artifactId);
        expect(
          Number(await row.getByTestId('dr-bytes').locator('data').getAttribute('value')),
        ).toBe(r.bytes);
        expect(await row.getByTestId('dr-deadline').locator('time').getAttribute('datetime')).toBe(
          r.deadline,
        );
        expect(await row.getByTestId('dr-status').textContent()).toContain(r.status.toLowerCase());
      }
      // Filters go to the API: status CONFIRMED, then a system that holds nothing.
      await page.getByLabel('Status').selectOption('CONFIRMED');
      await waitFor(async () => (await rows.count()) === 1, {
        timeoutMs: 30_000,
        intervalMs: 100,
        description: 'the confirmed request alone',
      });
      expect(await rows.first().getByTestId('dr-artifact').textContent()).toContain(
        artifactIds[0]!,
      );
      await page.getByLabel('Status').selectOption('');
      await page.getByLabel('Storage system').fill('no-such-system');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.getByTestId('no-deletion-requests').waitFor();
      // The read key is offered no answer to send (confirm and fail are holders' mutations).
      expect(await page.getByRole('button', { name: /confirm|fail/i }).count()).toBe(0);
    });
  });

  it('what-if: the scenario page shows the whatIf answer (totals, bands, difference, kinds, notes verbatim)', async () => {
    await ensureDemo();
    const scenario = {
      country: 'SE',
      renderResolution: 'UPSCALE_FROM_720P',
      lighting: 'LED',
      carbonAwareShiftHours: 4,
    };
    type Totals = {
      co2eG: number;
      lowG: number;
      highG: number;
      co2eMarketG: number;
      energyKwh: number;
      activityCount: number;
    };
    const totalsFields = 'co2eG lowG highG co2eMarketG energyKwh activityCount';
    const { whatIf } = await gql<{
      whatIf: {
        actual: Totals;
        scenario: Totals;
        differenceG: number;
        differenceLowG: number;
        differenceHighG: number;
        notes: string[];
        byKind: Array<{ kind: string; actual: Totals; scenario: Totals; differenceG: number }>;
      };
    }>(
      `query($p: String!, $s: WhatIfScenarioInput!) { whatIf(projectId: $p, scenario: $s) {
         actual { ${totalsFields} } scenario { ${totalsFields} } differenceG differenceLowG differenceHighG notes
         byKind { kind actual { ${totalsFields} } scenario { ${totalsFields} } differenceG } } }`,
      { p: SERIES, s: scenario },
    );
    // The API's own notes say what applied and what did not (lighting, hourly series).
    expect(whatIf.notes.length).toBeGreaterThan(0);
    await withPage(async (page) => {
      await signIn(page, readKey, `#/project/${SERIES}`);
      await page.getByTestId('what-if-link').click();
      await page.getByRole('heading', { name: 'What if…' }).waitFor();
      await page.getByLabel('A country').check();
      await page.getByLabel('Country (ISO 3166-1 alpha-2)').fill('se');
      await page.getByLabel('Render resolution').selectOption('UPSCALE_FROM_720P');
      await page.getByLabel('Lighting').selectOption('LED');
      await page.getByLabel('Carbon-aware shift (hours, 0–48)').fill('4');
      await page.getByRole('button', { name: 'Recompute' }).click();
      const sides = page.getByTestId('what-if-totals').getByTestId('what-if-side');
      await sides.first().waitFor();
      expect(await sides.count()).toBe(2);
      const value = async (row: number, id: string) =>
        (await sides.nth(row).getByTestId(id).getAttribute('value'))!;
      for (const [row, t] of [whatIf.actual, whatIf.scenario].entries()) {
        expect(Number(await value(row, 'what-if-co2e'))).toBe(t.co2eG);
        expect(await value(row, 'what-if-band')).toBe(`${t.lowG} ${t.highG}`);
        expect(Number(await value(row, 'what-if-market'))).toBe(t.co2eMarketG);
        expect(Number(await value(row, 'what-if-energy'))).toBe(t.energyKwh);
        expectShown((await sides.nth(row).getByTestId('what-if-co2e').textContent())!, t.co2eG);
      }
      expect(Number(await page.getByTestId('what-if-difference-g').getAttribute('value'))).toBe(
        whatIf.differenceG,
      );
      expect(await page.getByTestId('what-if-difference-band').getAttribute('value')).toBe(
        `${whatIf.differenceLowG} ${whatIf.differenceHighG}`,
      );
      expect(await page.getByTestId('what-if-notes').locator('li').allTextContents()).toEqual(
        whatIf.notes,
      );
      const kinds = page.getByTestId('what-if-kind-row');
      expect(await kinds.count()).toBe(whatIf.byKind.length);
      for (const [i, k] of whatIf.byKind.entries()) {
        expect(await kinds.nth(i).getByTestId('what-if-kind').textContent()).toBe(k.kind);
        expect(
          Number(await kinds.nth(i).getByTestId('what-if-kind-scenario').getAttribute('value')),
        ).toBe(k.scenario.co2eG);
        expect(
          Number(await kinds.nth(i).getByTestId('what-if-kind-difference').getAttribute('value')),
        ).toBe(k.differenceG);
      }
    });
  });

  it("artifact drill-down: each activity's kind, method tier, factors, energy and CO2e equal Artifact.activities", async () => {
    await ensureDemo();
    const artifactId = 'ep101-sc03-sh01-v3';
    type Node = {
      eventId: string;
      kind: string;
      occurredAt: string;
      tier: string;
      factors: Array<{ id: string; source: string | null }>;
      energyKwh: number;
      co2eG: number;
    };
    const { artifact } = await gql<{
      artifact: { activityCount: number; activities: { nodes: Node[] } };
    }>(
      `query($p: ID!, $a: ID!) { artifact(projectId: $p, id: $a) { activityCount
         activities(first: 20) { nodes { eventId kind occurredAt tier factors { id source } energyKwh co2eG } } } }`,
      { p: SERIES, a: artifactId },
    );
    const nodes = artifact.activities.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    // A shot version is a leaf of the lineage: its roll-up is its own activities.
    expect(nodes.length).toBe(Math.min(20, artifact.activityCount));
    // Every factor the shipped catalogue computed with carries its source.
    for (const n of nodes) for (const f of n.factors) expect(f.source).toBeTruthy();
    await withPage(async (page) => {
      await signIn(page, readKey, `#/project/${SERIES}/artifact/${artifactId}`);
      const rows = page.getByTestId('activity-table').getByTestId('activity');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(nodes.length);
      for (const [i, n] of nodes.entries()) {
        const row = rows.nth(i);
        expect(
          await row.getByTestId('activity-when').locator('time').getAttribute('datetime'),
        ).toBe(n.occurredAt);
        expect(await row.getByTestId('activity-kind').textContent()).toBe(n.kind);
        expect(await row.getByTestId('activity-tier').textContent()).toContain(n.tier);
        expect(
          await row
            .getByTestId('activity-factors')
            .locator('li')
            .evaluateAll((lis) =>
              lis.map((li) => (li as unknown as { dataset: { factor: string } }).dataset.factor),
            ),
        ).toEqual(n.factors.map((f) => f.id));
        for (const f of n.factors)
          expect(await row.getByTestId('activity-factors').textContent()).toContain(f.source!);
        expect(Number(await row.getByTestId('activity-energy').getAttribute('value'))).toBe(
          n.energyKwh,
        );
        expect(Number(await row.getByTestId('activity-co2e').getAttribute('value'))).toBe(n.co2eG);
      }
    });
  });

  it('platform health: the ingest rate is what ProjectionStatus.ingestRate answers, and counts every span of this run', async () => {
    await ensureDemo();
    type Rate = {
      acceptedSpans: number;
      rejectedSpans: number;
      acceptedPerMinute: number;
      rejectedPerMinute: number;
    };
    const read = async () => {
      const d = await gql<{
        projection: { ingestRate: Rate };
        projects: {
          totalCount: number;
          nodes: Array<{ byScope: Array<{ activityCount: number }> }>;
        };
        rejectedSpans: unknown[];
      }>(
        `{ projection { ingestRate(windowMinutes: 60) { acceptedSpans rejectedSpans acceptedPerMinute rejectedPerMinute } }
           projects(first: 20) { totalCount nodes { byScope { activityCount } } } rejectedSpans(first: 100) { spanId } }`,
      );
      return d;
    };
    const d = await read();
    // This run has fewer than 20 projects (the demo's two, the first-span one): all are read.
    expect(d.projects.nodes.length).toBe(d.projects.totalCount);
    // Every span of this run was received in the last hour: accepted = every fact counted in
    // every project, rejected = every rejected span; the rates are those ÷ 60 minutes.
    const facts = d.projects.nodes
      .flatMap((p) => p.byScope)
      .reduce((n, s) => n + s.activityCount, 0);
    const rate = d.projection.ingestRate;
    expect(rate.acceptedSpans).toBe(facts);
    expect(rate.rejectedSpans).toBe(d.rejectedSpans.length);
    expect(rate.acceptedPerMinute).toBe(facts / 60);
    expect(rate.rejectedPerMinute).toBe(d.rejectedSpans.length / 60);
    await withPage(async (page) => {
      await signIn(page, readKey, '#/health');
      await page.getByTestId('ingest-rate').waitFor();
      expect(Number(await page.getByTestId('ingest-accepted').getAttribute('value'))).toBe(
        rate.acceptedPerMinute,
      );
      expect(Number(await page.getByTestId('ingest-rejected').getAttribute('value'))).toBe(
        rate.rejectedPerMinute,
      );
    });
  });

  it('platform health: the demo span with a typo is listed with its field and reason', async () => {
    await ensureDemo();
    await withPage(async (page) => {
      await signIn(page, adminKey);
      await page.getByRole('link', { name: 'Platform health' }).click();
      const row = page
        .getByTestId('rejected-table')
        .locator('tr', { hasText: 'typo in activity kind' });
      await row.waitFor();
      expect(await row.locator('code').textContent()).toBe('greenops.activity.kind');
      expect(await row.textContent()).toContain('got "rendr"');
      expect(await page.getByTestId('projection-status').textContent()).toContain('version 1');
      // Embedded mode has no consumer group: the admin sees the section say so.
      await page.getByTestId('no-projectors').waitFor();
    });
  });

  it('a read key sees no action buttons; an admin key does', async () => {
    await withPage(async (page) => {
      await signIn(page, readKey, '#/health');
      expect(await page.getByTestId('viewer').textContent()).toBe('default · read');
      await page.getByRole('heading', { name: 'Factor sets' }).waitFor();
      expect(await page.getByTestId('action-publish-factor-set').count()).toBe(0);
      expect(await page.getByRole('button', { name: /publish/i }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Projectors and lag' }).count()).toBe(0);
    });
    await ensureDemo();
    await withPage(async (page) => {
      // Retention: a read key previews (a dry run) but is offered no action.
      await signIn(page, readKey, '#/retention');
      await page.getByTestId('policy-table').waitFor();
      await page.getByTestId('hold-table').waitFor();
      await page
        .getByTestId('policy-table')
        .getByRole('button', { name: /^Preview/ })
        .click();
      await page.getByTestId('retention-preview').waitFor();
      for (const action of [
        'action-define-policy',
        'action-retire-policy',
        'action-release-hold',
        'action-set-hold',
      ]) {
        expect(await page.getByTestId(action).count()).toBe(0);
      }
      expect(
        await page.getByRole('button', { name: /retire|release|define|set a legal/i }).count(),
      ).toBe(0);
    });
    await withPage(async (page) => {
      // The what-if page and the activities are reads: no action for a read key either.
      await signIn(page, readKey, `#/project/${SERIES}/what-if`);
      await page.getByRole('heading', { name: 'Scenario' }).waitFor();
      expect((await page.getByRole('button').allTextContents()).sort()).toEqual([
        'Dark theme',
        'Recompute',
        'Sign out',
      ]);
      await page.goto(`${base}/#/project/${SERIES}/artifact/ep101-sc03-sh01-v3`);
      await page.getByTestId('activity-table').waitFor();
      expect(
        await page.getByRole('button', { name: /delete|retire|release|set|publish/i }).count(),
      ).toBe(0);
    });
    await withPage(async (page) => {
      await signIn(page, adminKey, '#/health');
      await page.getByTestId('action-publish-factor-set').waitFor();
    });
  });

  it('has no serious or critical axe-core violations on any page, in both themes', async () => {
    await ensureDemo();
    const pages = [
      { hash: '', ready: 'Portfolio' },
      { hash: '#/start', ready: 'Send your first span' },
      { hash: '#/portfolio', ready: 'Projects' },
      { hash: '#/retention', ready: 'Audit trail' },
      { hash: `#/project/${SERIES}`, ready: 'KPIs and benchmark' },
      { hash: `#/project/${COMMERCIAL}`, ready: 'Top artifacts' },
      { hash: `#/project/${SERIES}/artifact/ep101-sc01`, ready: 'Cost of iteration' },
      { hash: `#/project/${SERIES}/artifact/ep101-sc03-sh01-v3`, ready: 'Activities' },
      { hash: `#/project/${SERIES}/what-if`, ready: 'Scenario' },
      { hash: '#/health', ready: 'Rejected spans' },
      { hash: '#/project/nothing-here-yet', ready: 'Send the first span of this project' },
    ];
    const found: string[] = [];
    for (const theme of ['light', 'dark']) {
      await withPage(async (page) => {
        await page.goto(`${base}/`);
        // Sign-in page first, before any key.
        if (theme === 'light') {
          await page.getByLabel('API key').waitFor();
          for (const v of await axeViolations(page))
            found.push(`${theme} sign-in ${v.impact} ${v.id}: ${v.help} ${v.nodes.join(' ')}`);
        }
        await page.evaluate(
          ([key, t]) => {
            const w = globalThis as unknown as InPage;
            w.sessionStorage.setItem('greenops.apiKey', key!);
            w.localStorage.setItem('greenops.theme', t!);
          },
          [adminKey, theme],
        );
        for (const p of pages) {
          await page.goto(`${base}/${p.hash}`);
          await page.reload();
          await page.getByRole('heading', { name: p.ready }).waitFor();
          await page
            .locator('[role=status]')
            .first()
            .waitFor({ state: 'detached' })
            .catch(() => undefined);
          for (const v of await axeViolations(page)) {
            found.push(
              `${theme} ${p.hash || 'home'} ${v.impact} ${v.id}: ${v.help} ${v.nodes.join(' ')}`,
            );
          }
        }
      });
    }
    expect(found.filter((f) => / (serious|critical) /.test(f))).toEqual([]);
  });

  it('works from the keyboard: skip link, sign-in, navigation; sign-out forgets the key', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}/`);
      await page.getByLabel('API key').waitFor();
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(
          () => (globalThis as unknown as InPage).document.activeElement?.textContent,
        ),
      ).toBe('Skip to content');
      await page.getByLabel('API key').focus();
      await page.keyboard.type('not-a-key-of-this-platform-000');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
      await page.getByLabel('API key').fill(adminKey);
      await page.keyboard.press('Enter');
      await page.getByTestId('viewer').waitFor();
      await page.getByRole('link', { name: 'Platform health' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Platform health' }).waitFor();
      // The new pages' controls are reached with Tab and used with the keyboard.
      await ensureDemo();
      await page.getByRole('link', { name: 'Retention' }).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('policy-table').waitFor();
      await tabTo(page, /^Preview/);
      await page.keyboard.press('Enter');
      await page.getByTestId('retention-preview').waitFor();
      await page.getByRole('link', { name: 'Portfolio' }).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('portfolio-table').waitFor();
      await tabTo(page, /^All types/); // the production-type filter (a select shows its value)
      await page.keyboard.press('ArrowDown'); // FEATURE: no such project
      await page.getByTestId('portfolio-empty').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('API key').waitFor();
      expect(
        await page.evaluate(() =>
          (globalThis as unknown as InPage).sessionStorage.getItem('greenops.apiKey'),
        ),
      ).toBeNull();
    });
  });
});
