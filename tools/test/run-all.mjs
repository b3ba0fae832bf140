#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure.
//   typecheck -> lint -> format -> build (e2e spawns the built apps and the built dashboard)
//   -> unit -> Chromium for the browser tests -> integration + e2e
// Integration and e2e run in ONE jest invocation so the global setup starts the Kafka broker
// once, and in band because the machine has 2 cores. Ends with the line `N passed, N failed`
// (summed from jest's JSON results) and a non-zero exit if anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDir = mkdtempSync(join(tmpdir(), 'greenops-test-'));

/** @type {{ name: string; args: string[]; jestResults?: string }[]} */
const steps = [
  { name: 'typecheck', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  // The dashboard (React, DOM typings, bundler resolution) has its own compiler settings.
  { name: 'typecheck dashboard', args: ['tsc', '-p', 'apps/dashboard/tsconfig.json'] },
  // eslint.config.mjs builds the Nx project graph itself before @nx/enforce-module-boundaries
  // reads it (docs/testing.md, "Lint boundaries").
  { name: 'lint', args: ['eslint', '.', '--max-warnings=0'] },
  { name: 'format', args: ['prettier', '--check', '.', '--log-level=warn'] },
  { name: 'build', args: ['tsc', '-p', 'tsconfig.build.json'] },
  { name: 'build dashboard', args: ['vite', 'build', 'apps/dashboard', '--logLevel', 'warn'] },
  {
    name: 'unit tests',
    args: ['jest', '--selectProjects', 'unit', '--passWithNoTests', '--ci'],
    jestResults: join(resultsDir, 'unit.json'),
  },
  // The browser e2e tests (e2e/dashboard.e2e-spec.ts) drive Debian's chromium: apt-get installs
  // it when /usr/bin/chromium is missing (CI runs as root).
  { name: 'chromium', args: ['node', 'tools/test/ensure-chromium.mjs'] },
  {
    name: 'integration + e2e tests',
    // --forceExit: a client a test forgot to close must not hang CI.
    args: [
      'jest',
      '--selectProjects',
      'integration',
      'e2e',
      '--runInBand',
      '--forceExit',
      '--passWithNoTests',
      '--ci',
    ],
    jestResults: join(resultsDir, 'integration-e2e.json'),
  },
];

function run(args) {
  return new Promise((resolve) => {
    // The OTel OTLP/HTTP exporter loads `http` through a dynamic import(), which jest's module
    // sandbox only allows with --experimental-vm-modules (the e2e tests run that real exporter).
    const nodeOptions = [
      process.env.NODE_OPTIONS,
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
    ]
      .filter(Boolean)
      .join(' ');
    const env = args[0] === 'jest' ? { ...process.env, NODE_OPTIONS: nodeOptions } : process.env;
    const child = spawn('npx', args, { cwd: root, stdio: 'inherit', env });
    child.on('error', (err) => {
      console.error(`run-all: could not start npx ${args.join(' ')}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Counts from a jest --json results file; undefined when jest wrote none (it crashed early). */
function jestCounts(file) {
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return {
      passed: r.numPassedTests ?? 0,
      // A suite that fails to load has no failed test of its own: count it as one failure.
      failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0),
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    };
  } catch {
    return undefined;
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
let failedStep;
const started = Date.now();
for (const step of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${step.name}: npx ${step.args.join(' ')}`);
  const args = step.jestResults
    ? [...step.args, '--json', `--outputFile=${step.jestResults}`]
    : step.args;
  const code = await run(args);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  let stepFailed = code !== 0;
  if (step.jestResults) {
    const counts = jestCounts(step.jestResults);
    if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
      console.log(
        `=== ${step.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`,
      );
      // Jest failed for a reason no test shows (global setup, open handles, ...): still a failure.
      if (code !== 0 && counts.failed === 0) total.failed += 1;
    } else {
      total.failed += 1;
      stepFailed = true;
      console.log(`=== ${step.name}: jest wrote no results (exit ${code}, ${seconds} s)`);
    }
  } else {
    console.log(
      `=== ${step.name}: ${code === 0 ? 'ok' : `failed with exit ${code}`} (${seconds} s)`,
    );
    if (code !== 0) total.failed += 1; // a failed check counts as one failure in the summary
  }
  if (stepFailed) {
    failedStep = step.name;
    break;
  }
}
rmSync(resultsDir, { recursive: true, force: true });

console.log(
  `\n=== ${failedStep ? `stopped at: ${failedStep}` : 'all steps passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${total.skipped} skipped`,
);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(failedStep || total.failed > 0 ? 1 : 0);
