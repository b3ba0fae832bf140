import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module boundaries (docs/architecture.md §5, docs/testing.md "Lint boundaries") are enforced
// twice, so that neither layer can silently switch the other off:
//  1. `no-restricted-imports` / `no-restricted-syntax`, built below from the projects' tags
//     (project.json) and package names (package.json). They need no Nx project graph, so they
//     hold in a fresh clone, an IDE or a plain `eslint` run.
//  2. `@nx/enforce-module-boundaries` (tag constraints, circular dependencies). It reads the
//     cached Nx project graph and skips itself with only a console warning when there is none,
//     so this config builds the graph before exporting (`createProjectGraphAsync`).

const root = dirname(fileURLToPath(import.meta.url));
// Nx computes its workspace root from the working directory when first loaded; pin it to this
// repository so an editor started elsewhere lints with the right graph.
process.env.NX_WORKSPACE_ROOT_PATH ??= root;
process.env.NX_DAEMON ??= 'false';
const { default: nx } = await import('@nx/eslint-plugin');
const { createProjectGraphAsync } = await import('@nx/devkit');
await createProjectGraphAsync({ exitOnError: true });

/** Every project of the workspace: folder, tags (project.json) and import name (package.json). */
function readProjects() {
  const folders = ['apps', 'libs', 'tools'].flatMap((top) =>
    existsSync(join(root, top))
      ? readdirSync(join(root, top), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${top}/${d.name}`)
      : [],
  );
  folders.push('e2e');
  return folders
    .filter((folder) => existsSync(join(root, folder, 'project.json')))
    .map((folder) => {
      const project = JSON.parse(readFileSync(join(root, folder, 'project.json'), 'utf8'));
      const pkgFile = join(root, folder, 'package.json');
      const packageName = existsSync(pkgFile)
        ? JSON.parse(readFileSync(pkgFile, 'utf8')).name
        : `@greenops/${project.name}`;
      return { folder, packageName, tags: project.tags ?? [] };
    });
}

const projects = readProjects();
const withTag = (tag) => projects.filter((p) => p.tags.includes(tag));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (names) => names.map(escape).join('|');

/** Pure libraries: tag `type:domain` (domain, methodology, factors, semconv, contracts, …). */
const PURE = withTag('type:domain');
/** Service apps: imported by the embedded launcher only (tag `type:launcher`). */
const APPS = withTag('type:app');
const LAUNCHERS = withTag('type:launcher');
/** Workspace packages a pure library may not import: everything that is not pure. */
const IMPURE_PACKAGES = projects.filter((p) => !p.tags.includes('type:domain'));

// Frameworks, drivers and I/O packages, each with every subpath (`typeorm/…`, `@apollo/…`).
const FRAMEWORK_AND_IO_PACKAGES = [
  '@nestjs/[^/]+',
  '@apollo/[^/]+',
  '@as-integrations/[^/]+',
  '@grpc/[^/]+',
  '@opentelemetry/[^/]+',
  '@electric-sql/[^/]+',
  '@unni-craftsman/[^/]+',
  'typeorm',
  'pg',
  'pg-[^/]+',
  'kafkajs',
  'graphql',
  'graphql-[^/]+',
  'dataloader',
  'express',
  'protobufjs',
  'rxjs',
  'reflect-metadata',
  'class-validator',
  'class-transformer',
];
// Node's built-in modules, bare and `node:`-prefixed, except crypto: deterministic hashing
// (event ids, docs/architecture.md §3) is pure computation. Its random functions are banned below.
const BUILTINS = builtinModules
  .filter((m) => !m.startsWith('_'))
  .map((m) => m.split('/')[0])
  .filter((m, i, all) => m !== 'crypto' && all.indexOf(m) === i);

const restriction = {
  deepImport: {
    regex: '^@greenops/[^/]+/',
    message:
      "Import another project through its entry point (@greenops/<name>), never a file inside its folder: the index is the project's public API.",
  },
  appImport: {
    regex: `^(${anyOf(APPS.map((p) => p.packageName))})(/.*)?$`,
    message:
      'An app may not import another app: only the embedded launcher (apps/platform, tag type:launcher) composes the service apps. Move shared code into a library.',
  },
  frameworkOrIo: {
    regex: `^(${FRAMEWORK_AND_IO_PACKAGES.join('|')})(/.*)?$`,
    message:
      'Pure libraries (tag type:domain) import no framework, driver or I/O package: they must run anywhere and be unit-testable without I/O.',
  },
  builtin: {
    regex: `^(node:)?(${anyOf(BUILTINS)})(/.*)?$`,
    message:
      'Pure libraries (tag type:domain) use no Node built-in but node:crypto (file system, network, processes and threads are I/O).',
  },
  impureWorkspace: {
    regex: `^(${anyOf(IMPURE_PACKAGES.map((p) => p.packageName))})(/.*)?$`,
    message:
      'Pure libraries (tag type:domain) import only other pure libraries, never adapters, apps or test helpers.',
  },
};
const RANDOMNESS = {
  importNames: ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues', 'webcrypto'],
  message: 'Pure libraries are deterministic: take randomness from the caller.',
};

function restrictedImports({ pure, launcher }) {
  const patterns = [restriction.deepImport];
  if (!launcher) patterns.push(restriction.appImport);
  if (pure)
    patterns.push(restriction.frameworkOrIo, restriction.builtin, restriction.impureWorkspace);
  const paths = pure ? ['crypto', 'node:crypto'].map((name) => ({ name, ...RANDOMNESS })) : [];
  return ['error', { paths, patterns }];
}

/** Nx tag constraints; tests of any tier may also use the test helpers (type:test). */
function boundaries({ inTests, launcher }) {
  const test = inTests ? ['type:test'] : [];
  return {
    // Nx forbids importing a project of type application outright; the launcher is the exception.
    allow: launcher ? APPS.map((p) => p.packageName) : [],
    depConstraints: [
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: ['type:domain', ...test],
        bannedExternalImports: [
          '@nestjs/*',
          '@apollo/*',
          '@grpc/*',
          '@opentelemetry/*',
          '@electric-sql/*',
          '@unni-craftsman/*',
          'kafkajs',
          'typeorm',
          'pg',
          'graphql',
          'express',
        ],
      },
      {
        sourceTag: 'type:adapter',
        onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', ...test],
      },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', ...test] },
      {
        sourceTag: 'type:launcher',
        onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:app', ...test],
      },
      {
        sourceTag: 'type:test',
        onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:app', 'type:test'],
      },
    ],
  };
}

// Tests, and the test-support files beside them (src/testing/), which may use tools/testing.
const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/src/testing/**/*.ts'];
const filesOf = (group) => group.map((p) => `${p.folder}/**/*.ts`);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      'tools/kafka/.cache/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-imports': restrictedImports({ pure: false, launcher: false }),
      '@nx/enforce-module-boundaries': ['error', boundaries({ inTests: false, launcher: false })],
    },
  },
  {
    files: filesOf(PURE),
    rules: {
      'no-restricted-imports': restrictedImports({ pure: true, launcher: false }),
      // Dynamic loading would get around the import bans above.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression',
          message: 'Pure libraries load no module at run time (import()).',
        },
        {
          selector: "CallExpression[callee.name='require']",
          message: 'Pure libraries load no module at run time (require()).',
        },
      ],
    },
  },
  {
    files: TESTS,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries({ inTests: true, launcher: false })],
    },
  },
  ...[false, true].map((inTests) => ({
    files: inTests
      ? filesOf(LAUNCHERS).map((f) => f.replace('*.ts', '*spec.ts'))
      : filesOf(LAUNCHERS),
    ignores: inTests ? [] : TESTS,
    rules: {
      'no-restricted-imports': restrictedImports({ pure: false, launcher: true }),
      '@nx/enforce-module-boundaries': ['error', boundaries({ inTests, launcher: true })],
    },
  })),
);
