import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';

const ROOT = join(__dirname, '..', '..');

/**
 * Debian's Chromium driven by playwright-core (which downloads no browser). The repository's
 * tools/test/ensure-chromium.mjs installs it with apt-get when it is missing (as root).
 */
export async function launchChromium(): Promise<Browser> {
  const path = execFileSync(process.execPath, [join(ROOT, 'tools/test/ensure-chromium.mjs')], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop()!
    .replace(/^ensure-chromium: /, '');
  return chromium.launch({ executablePath: path, args: ['--no-sandbox'] });
}

/** A fresh browser profile (no session, no local storage) that fails on CSP violations and page errors. */
export async function freshPage(
  browser: Browser,
  problems: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  return { context, page };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the current page. The engine is evaluated through the
 * DevTools protocol, which the page's CSP does not govern (a <script> tag would be refused).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = globalThis as unknown as {
      document: unknown;
      axe: {
        run: (
          ctx: unknown,
          options: object,
        ) => Promise<{
          violations: Array<{
            id: string;
            impact: string | null;
            help: string;
            nodes: Array<{ target: unknown[] }>;
          }>;
        }>;
      };
    };
    const result = await w.axe.run(w.document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
}
