#!/usr/bin/env node
// Lints fixture files with the repository's real ESLint config, each as if it were the file
// `lintAs` inside a project (ESLint's lintText with a filePath), and prints the messages as
// JSON. Run by module-boundaries.int-spec.ts in a child process with an empty Nx workspace-data
// folder, i.e. as a fresh clone or an editor would lint. Usage:
//   node tools/lint-boundaries/lint-fixtures.mjs '[{"fixture":"x.ts.txt","lintAs":"libs/domain/src/x.ts"}]'
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cases = JSON.parse(process.argv[2] ?? '[]');
const eslint = new ESLint({ cwd: root });
const results = [];
for (const { fixture, lintAs } of cases) {
  const text = readFileSync(join(here, 'fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: join(root, lintAs) });
  results.push({
    fixture,
    lintAs,
    messages: result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })),
  });
}
process.stdout.write(JSON.stringify(results));
