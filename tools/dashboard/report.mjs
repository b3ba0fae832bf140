#!/usr/bin/env node
// `npm run dashboard:report [-- --screenshots]`: the dashboard's first-page bundle size
// (gzipped JS) and first-load time on localhost, against their budgets (≤ 350 kB gzipped JS,
// first contentful paint < 1 s with the demo data); with --screenshots, writes the page
// screenshots of docs/screenshots/. Needs `npm run build`. Starts the built platform on free
// ports with a fresh data folder and sends the demo production (npm run demo) to it, or uses a
// running one: GREENOPS_DASHBOARD_URL=http://127.0.0.1:4000 GREENOPS_API_KEY=… (demo already sent).
// Exits 1 when a budget is exceeded.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { ensureChromium } from '../test/ensure-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const BUDGET_JS_GZIP_BYTES = 350 * 1024;
const BUDGET_FCP_MS = 1000;
const RUNS = 5;
const screenshots = process.argv.includes('--screenshots');

/** Gzipped bytes of the JS the first page loads: the entry chunk and its static imports. */
function firstPageJs() {
  const dir = join(root, 'dist/apps/dashboard');
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8'));
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the Vite manifest');
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    (chunk.imports ?? []).forEach(visit);
  };
  visit(entry[0]);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: [...files], raw, gzip };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check, what, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function graphql(base, key, query) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return res.json();
}

/** A platform with the demo production projected. */
async function platformWithDemo() {
  if (process.env.GREENOPS_DASHBOARD_URL) {
    if (!process.env.GREENOPS_API_KEY)
      throw new Error('set GREENOPS_API_KEY with GREENOPS_DASHBOARD_URL');
    return {
      base: process.env.GREENOPS_DASHBOARD_URL.replace(/\/$/, ''),
      key: process.env.GREENOPS_API_KEY,
      stop: async () => {},
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-dashboard-report-'));
  const key = 'dashboard-report-key-0123456789';
  const [http, grpc, gql] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(root, 'dist/apps/platform/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: key,
      GREENOPS_OTLP_HTTP_PORT: String(http),
      GREENOPS_OTLP_GRPC_PORT: String(grpc),
      GREENOPS_GRAPHQL_PORT: String(gql),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => /Dashboard\s+http/.test(log) || child.exitCode !== null, 'the platform');
    if (child.exitCode !== null) throw new Error(`platform exited:\n${log}`);
    const { sendDemo } = require(join(root, 'dist/tools/demo/src/send-demo.js'));
    const { counts } = await sendDemo({
      otlpHttpUrl: `http://127.0.0.1:${http}/v1/traces`,
      apiKey: key,
    });
    const base = `http://127.0.0.1:${gql}`;
    // The declarations, a status, a retention policy and a hold (the key is admin): the
    // portfolio's KPIs and the retention page have data.
    const { sendDeclarations } = require(join(root, 'dist/tools/demo/src/send-declarations.js'));
    const { declared } = await sendDeclarations({ graphqlUrl: `${base}/graphql`, apiKey: key });
    for (const project of declared) {
      await waitFor(async () => {
        const r = await graphql(
          base,
          key,
          `{ project(id: "${project}") { declaration { name } } }`,
        );
        return !!r.data?.project?.declaration;
      }, `the declaration of ${project} projected`);
    }
    for (const [project, n] of Object.entries(counts)) {
      await waitFor(async () => {
        const r = await graphql(
          base,
          key,
          `{ project(id: "${project}") { byScope { activityCount } } }`,
        );
        return (r.data?.project?.byScope ?? []).reduce((a, s) => a + s.activityCount, 0) === n;
      }, `${n} demo spans of ${project} projected`);
    }
    return { base, key, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main() {
  const js = firstPageJs();
  console.log(
    `dashboard: first page JS ${(js.raw / 1024).toFixed(1)} kB, ${(js.gzip / 1024).toFixed(1)} kB gzipped (budget ${BUDGET_JS_GZIP_BYTES / 1024} kB) — ${js.files.join(', ')}`,
  );
  const { chromium } = require('playwright-core');
  const executablePath = ensureChromium();
  const platform = await platformWithDemo();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const fcps = [];
  const ready = [];
  try {
    const project = 'demo-series-ep101';
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(
        (key) => sessionStorage.setItem('greenops.apiKey', key),
        platform.key,
      );
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${platform.base}/#/project/${project}`);
      await page.getByTestId('total-co2e').waitFor();
      ready.push(Date.now() - t0);
      const fcp = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      );
      fcps.push(fcp);
      await context.close();
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `dashboard: first contentful paint ${median(fcps).toFixed(0)} ms median of ${RUNS} cold loads (${fcps.map((f) => f.toFixed(0)).join(', ')}; budget < ${BUDGET_FCP_MS} ms)`,
    );
    console.log(
      `dashboard: project total on screen ${median(ready)} ms median (${ready.join(', ')}), demo data, ${platform.base}`,
    );
    if (screenshots) await takeScreenshots(browser, platform);
    const over = [];
    if (js.gzip > BUDGET_JS_GZIP_BYTES) over.push('JS size');
    if (!(median(fcps) < BUDGET_FCP_MS)) over.push('first contentful paint');
    if (over.length) {
      console.error(`dashboard: over budget: ${over.join(', ')}`);
      process.exitCode = 1;
    } else console.log('dashboard: within budget');
  } finally {
    await browser.close();
    await platform.stop();
  }
}

async function takeScreenshots(browser, platform) {
  const out = join(root, 'docs/screenshots');
  mkdirSync(out, { recursive: true });
  // Every page, light and dark (docs/screenshots, shown in apps/dashboard/README.md).
  const pages = [
    { name: 'portfolio', hash: '#/portfolio', wait: '[data-testid=portfolio-per-minute]' },
    { name: 'project', hash: '#/project/demo-series-ep101', wait: '[data-testid=kpi-table]' },
    {
      name: 'project-commercial',
      hash: '#/project/demo-commercial-30s',
      wait: '[data-testid=artifact-table]',
    },
    {
      name: 'artifact',
      hash: '#/project/demo-series-ep101/artifact/ep101-sc01',
      wait: '[data-testid=iteration]',
    },
    {
      name: 'what-if',
      hash: '#/project/demo-series-ep101/what-if',
      wait: '[data-testid=what-if-totals]',
      // A scenario to show: the same work on the Swedish grid, rendered at 720p and upscaled.
      act: async (page) => {
        await page.getByLabel('A country').check();
        await page.getByLabel('Country (ISO 3166-1 alpha-2)').fill('SE');
        await page.getByLabel('Render resolution').selectOption('UPSCALE_FROM_720P');
        await page.getByLabel('Lighting').selectOption('LED');
        await page.getByRole('button', { name: 'Recompute' }).click();
      },
    },
    { name: 'retention', hash: '#/retention', wait: '[data-testid=hold-table]' },
    { name: 'health', hash: '#/health', wait: '[data-testid=rejected-table]' },
    { name: 'empty-project', hash: '#/project/my-first-project', wait: '[data-testid=otlp-url]' },
  ];
  const shots = [
    { file: 'sign-in.png', hash: '', theme: 'light', signedIn: false, wait: '#api-key' },
    { file: 'sign-in-dark.png', hash: '', theme: 'dark', signedIn: false, wait: '#api-key' },
    ...pages.flatMap((p) => [
      { file: `${p.name}.png`, hash: p.hash, theme: 'light', wait: p.wait, act: p.act },
      { file: `${p.name}-dark.png`, hash: p.hash, theme: 'dark', wait: p.wait, act: p.act },
    ]),
  ];
  for (const s of shots) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(
      ({ key, theme, signedIn }) => {
        if (signedIn) sessionStorage.setItem('greenops.apiKey', key);
        localStorage.setItem('greenops.theme', theme);
      },
      { key: platform.key, theme: s.theme, signedIn: s.signedIn !== false },
    );
    const page = await context.newPage();
    await page.goto(`${platform.base}/${s.hash}`);
    if (s.act) await s.act(page);
    await page.locator(s.wait).first().waitFor({ timeout: 60_000 });
    // Let the lazily loaded parts and the chart's canvas paint (a picture, not a test).
    await page
      .locator('[role=status]')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(() => undefined);
    await page.waitForTimeout(500);
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(join(out, s.file), png);
    console.log(`dashboard: docs/screenshots/${s.file}`);
    await context.close();
  }
}

main().catch((error) => {
  console.error(`dashboard report: ${error.stack ?? error}`);
  process.exit(1);
});
