// Three test tiers (see docs/testing.md):
//   unit         *.spec.ts      pure logic, no I/O
//   integration  *.int-spec.ts  real PostgreSQL 15, embedded TimescaleDB (PGlite), real Kafka
//   e2e          e2e/**/*.e2e-spec.ts  the running platform driven by real OTel SDK exporters
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = {
  '^@greenops/(auth|domain|contracts|methodology|factors|semconv|messaging|persistence|config|observability)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^@greenops/(ingest|projector|gateway|platform)$': '<rootDir>/apps/$1/src/index.ts',
  '^@greenops/testing$': '<rootDir>/tools/testing/src/index.ts',
};
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/tools/kafka/.cache/'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,apps,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/tools/testing/global-setup.js',
      globalTeardown: '<rootDir>/tools/testing/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tools/testing/integration-timeout.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tools/testing/global-setup.js',
      globalTeardown: '<rootDir>/tools/testing/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tools/testing/e2e-timeout.js'],
    },
  ],
};
