// Names of the environment variables that tools/testing/global-setup.js fills in for the
// integration and e2e tiers (and that a developer may set to reuse their own services).
export const KAFKA_BROKERS_ENV = 'GREENOPS_TEST_KAFKA_BROKERS';
export const PG_URL_ENV = 'GREENOPS_TEST_PG_URL';
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
