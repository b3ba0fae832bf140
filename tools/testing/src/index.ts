// Helpers for the integration and e2e tiers: where the real broker and database are,
// throwaway databases and topics, and polling for eventually-consistent results.
export { kafkaBrokers } from './kafka-brokers';
export { pgServerUrl } from './pg-server';
export { createTestDatabase, type TestDatabase } from './test-database';
export { uniqueTopic, uniqueDatabaseName } from './unique-name';
export { waitFor, type WaitForOptions } from './wait-for';
export { KAFKA_BROKERS_ENV, PG_URL_ENV, DEFAULT_PG_URL } from './test-env';
export { freePort, freePorts } from './free-port';
export { runBuiltCli, BUILT_CLI, type CliRun } from './built-cli';
export * from './faults';
export { testBroker, testBrokerPort } from './test-broker-control';
