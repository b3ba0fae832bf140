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
    const { project, sci } = await gql<{
      project: {
        emissions: {
          co2eG: number;
          co2eMarketG: number;
          lowG: number;
          highG: number;
          energyKwh: number;
        };
        byScope: Array<{ category: string; emissions: { co2eG: number } }>;
        daily: Array<{ day: string; co2eG: number }>;
        dataQuality: { measuredShare: number; modelledShare: number; proxyShare: number };
      };
      sci: { sci: { co2eGPerUnit: number; quantity: number } };
    }>(
      `query($id: ID!, $from: String!, $to: String!) {
        project(id: $id) { emissions { co2eG co2eMarketG lowG highG energyKwh } byScope { category emissions { co2eG } } daily(from: $from, to: $to) { day co2eG } dataQuality { measuredShare modelledShare proxyShare } }
        sci: project(id: $id) { sci(per: { artifactKind: "shot" }) { co2eGPerUnit quantity } }
      }`,
      {
        id: SERIES,
        from: new Date(Date.now() - 120 * 86_400_000).toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
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
      // The series: daily rows are GraphQL's days; weekly rows add up to the same total.
      await page.getByText('Show the numbers').click();
      const dailyShown = await page.getByTestId('series-table').locator('tbody tr').count();
      expect(dailyShown).toBe(project.daily.length);
      await page.getByLabel('Weekly').check();
      const weekly = await page
        .getByTestId('series-table')
        .locator('tbody tr td:nth-child(2) data')
        .evaluateAll((els) => els.map((el) => Number(el.getAttribute('value'))));
      const weeksInData = new Set(
        project.daily.map((d) => {
          const t = Date.parse(`${d.day}T00:00:00Z`);
          return t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000; // Monday of the week
        }),
      );
      expect(weekly).toHaveLength(weeksInData.size);
      expect(weekly.reduce((a, b) => a + b, 0)).toBeCloseTo(
        project.daily.reduce((a, d) => a + d.co2eG, 0),
        6,
      );
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
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${SERIES}-emissions.csv`);
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
    });
  });

  it('a read key sees no action buttons; an admin key does', async () => {
    await withPage(async (page) => {
      await signIn(page, readKey, '#/health');
      expect(await page.getByTestId('viewer').textContent()).toBe('default · read');
      await page.getByRole('heading', { name: 'Factor sets' }).waitFor();
      expect(await page.getByTestId('action-publish-factor-set').count()).toBe(0);
      expect(await page.getByRole('button', { name: /publish/i }).count()).toBe(0);
    });
    await withPage(async (page) => {
      await signIn(page, adminKey, '#/health');
      await page.getByTestId('action-publish-factor-set').waitFor();
    });
  });

  it('has no serious or critical axe-core violations on any page, in both themes', async () => {
    await ensureDemo();
    const pages = [
      { hash: '', ready: 'Send your first span' },
      { hash: `#/project/${SERIES}`, ready: 'Top artifacts' },
      { hash: `#/project/${COMMERCIAL}`, ready: 'Top artifacts' },
      { hash: `#/project/${SERIES}/artifact/ep101-sc01`, ready: 'Lineage' },
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
