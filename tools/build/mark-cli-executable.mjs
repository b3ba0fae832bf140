#!/usr/bin/env node
// `npm run build`: makes the built `greenops` CLI executable. The root package.json "bin" points
// `npx greenops` at dist/apps/cli/src/main.js, which tsc writes without the execute bit; npm only
// sets that bit when it links a bin whose file already exists, which a fresh clone's `npm ci`
// (before any build) cannot do — so `npx greenops keys …` answered "Permission denied".
import { chmodSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist/apps/cli/src/main.js');
if (!existsSync(cli)) {
  console.error(`mark-cli-executable: ${cli} is missing (did tsc -p tsconfig.build.json run?)`);
  process.exit(1);
}
chmodSync(cli, statSync(cli).mode | 0o111);
