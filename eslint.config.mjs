import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const BANNED_IN_PURE_LIBS = [
  '@nestjs/*',
  'kafkajs',
  'typeorm',
  'pg',
  '@unni-craftsman/*',
  '@electric-sql/*',
  'express',
  '@grpc/*',
  'graphql',
];

/**
 * Architecture: apps depend on libs; pure libs (domain, methodology, factors, semconv) depend on
 * nothing with a framework or I/O. Tests of any tier may also use the test helpers (type:test).
 */
function boundaries(inTests) {
  const test = inTests ? ['type:test'] : [];
  return {
    // The embedded launcher (apps/platform) composes the three service apps in one process:
    // the one place an app imports apps.
    allow: ['@greenops/ingest', '@greenops/projector', '@greenops/gateway'],
    depConstraints: [
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: ['type:domain', ...test],
        bannedExternalImports: BANNED_IN_PURE_LIBS,
      },
      {
        sourceTag: 'type:adapter',
        onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', ...test],
      },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:app', ...test],
      },
      {
        sourceTag: 'type:test',
        onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:app', 'type:test'],
      },
    ],
  };
}

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
      // Architecture: apps depend on libs; pure libs (domain, methodology, factors, semconv)
      // depend on nothing with a framework or I/O.
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
    },
  },
);
