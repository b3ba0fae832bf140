import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const RESTRICTED = 'no-restricted-imports';
const NX = '@nx/enforce-module-boundaries';

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}
interface FixtureResult {
  fixture: string;
  lintAs: string;
  messages: LintMessage[];
}

/**
 * Each fixture is linted as if it sat at `lintAs`, and must fail with every listed rule on
 * every listed line. `no-restricted-imports` needs no Nx project graph, so it is expected on
 * every violation; `@nx/enforce-module-boundaries` where Nx sees one too (its presence proves
 * that eslint.config.mjs built the graph in the empty workspace-data folder).
 */
const VIOLATIONS: Array<{ fixture: string; lintAs: string; expected: Array<[number, string]> }> = [
  {
    fixture: 'domain-imports-app.ts.txt',
    lintAs: 'libs/domain/src/violation.ts',
    expected: [
      [2, RESTRICTED],
      [2, NX],
    ],
  },
  {
    fixture: 'app-imports-app.ts.txt',
    lintAs: 'apps/gateway/src/violation.ts',
    expected: [
      [2, RESTRICTED],
      [2, NX],
    ],
  },
  {
    fixture: 'deep-import.ts.txt',
    lintAs: 'apps/gateway/src/violation.ts',
    expected: [[2, RESTRICTED]],
  },
  {
    fixture: 'methodology-imports-typeorm-subpath.ts.txt',
    lintAs: 'libs/methodology/src/violation.ts',
    expected: [[2, RESTRICTED]],
  },
  {
    fixture: 'methodology-imports-apollo.ts.txt',
    lintAs: 'libs/methodology/src/violation.ts',
    expected: [
      [2, RESTRICTED],
      [2, NX],
    ],
  },
  {
    fixture: 'methodology-imports-node-fs.ts.txt',
    lintAs: 'libs/methodology/src/violation.ts',
    expected: [[2, RESTRICTED]],
  },
  {
    fixture: 'pure-lib-imports-io-builtins.ts.txt',
    lintAs: 'libs/semconv/src/violation.ts',
    expected: [
      [2, RESTRICTED],
      [3, RESTRICTED],
      [4, RESTRICTED],
      [5, RESTRICTED],
    ],
  },
  {
    fixture: 'pure-lib-imports-drivers.ts.txt',
    lintAs: 'libs/factors/src/violation.ts',
    expected: [
      [2, RESTRICTED],
      [3, RESTRICTED],
      [4, RESTRICTED],
      [5, RESTRICTED],
      [6, RESTRICTED],
    ],
  },
  {
    fixture: 'pure-lib-imports-adapter.ts.txt',
    lintAs: 'libs/domain/src/violation.ts',
    expected: [
      [2, RESTRICTED],
      [2, NX],
    ],
  },
  {
    fixture: 'pure-lib-loads-at-run-time.ts.txt',
    lintAs: 'libs/methodology/src/violation.ts',
    expected: [[2, 'no-restricted-syntax']],
  },
  {
    fixture: 'pure-lib-random-id.ts.txt',
    lintAs: 'libs/domain/src/violation.ts',
    expected: [[2, RESTRICTED]],
  },
  // A test file of a service app is held to the same app → app rule.
  {
    fixture: 'app-imports-app.ts.txt',
    lintAs: 'apps/projector/src/violation.int-spec.ts',
    expected: [
      [2, RESTRICTED],
      [2, NX],
    ],
  },
];

const CLEAN = [
  { fixture: 'clean-pure-lib.ts.txt', lintAs: 'libs/methodology/src/clean.ts' },
  { fixture: 'clean-launcher.ts.txt', lintAs: 'apps/platform/src/clean.ts' },
];

describe('module boundaries, linted with the real config in a fresh workspace (no Nx cache)', () => {
  const workspaceData = mkdtempSync(join(tmpdir(), 'greenops-nx-fresh-'));
  let results: FixtureResult[];

  beforeAll(async () => {
    expect(existsSync(join(workspaceData, 'project-graph.json'))).toBe(false);
    const cases = [...VIOLATIONS, ...CLEAN].map(({ fixture, lintAs }) => ({ fixture, lintAs }));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(__dirname, 'lint-fixtures.mjs'), JSON.stringify(cases)],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NX_WORKSPACE_DATA_DIRECTORY: workspaceData,
          NX_CACHE_DIRECTORY: join(workspaceData, 'cache'),
          NX_DAEMON: 'false',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    results = JSON.parse(stdout) as FixtureResult[];
  });

  afterAll(() => rmSync(workspaceData, { recursive: true, force: true }));

  it('built the Nx project graph itself, so the Nx rule cannot skip itself', () => {
    expect(existsSync(join(workspaceData, 'project-graph.json'))).toBe(true);
  });

  it.each(VIOLATIONS.map((v, i) => ({ ...v, i })))(
    'fails $fixture linted as $lintAs',
    ({ i, expected }) => {
      const found = results[i].messages.map((m) => [m.line, m.ruleId]);
      for (const pair of expected) expect(found).toContainEqual(pair);
    },
  );

  it.each(CLEAN.map((c, i) => ({ ...c, i: VIOLATIONS.length + i })))(
    'passes $fixture linted as $lintAs',
    ({ i }) => {
      expect(results[i].messages).toEqual([]);
    },
  );
});
