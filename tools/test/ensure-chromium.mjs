#!/usr/bin/env node
// Makes sure Debian's Chromium is installed for the browser tests (e2e/dashboard.e2e-spec.ts)
// and tools/dashboard/report.mjs: playwright-core drives the system browser and downloads none.
// When /usr/bin/chromium (or GREENOPS_CHROMIUM_PATH) is missing, installs the `chromium` package
// with apt-get, as root (CI runs as root); otherwise says what to install and fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath() {
  return process.env.GREENOPS_CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

/** The browser's path, installing Debian's chromium first when it is missing. Throws when it cannot. */
export function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (process.env.GREENOPS_CHROMIUM_PATH) {
    throw new Error(`GREENOPS_CHROMIUM_PATH=${path} does not exist`);
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      `${path} is missing: install Debian's chromium (sudo apt-get install -y chromium) or set GREENOPS_CHROMIUM_PATH`,
    );
  }
  if (!run('apt-get', ['update', '-qq']) || !run('apt-get', ['install', '-y', '-qq', 'chromium'])) {
    throw new Error('apt-get install -y chromium failed');
  }
  if (!existsSync(path)) throw new Error(`apt-get installed chromium but ${path} is still missing`);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(`ensure-chromium: ${ensureChromium()}`);
  } catch (error) {
    console.error(`ensure-chromium: ${error.message}`);
    process.exit(1);
  }
}
