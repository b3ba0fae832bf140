export * from './log-level';
export * from './json-logger';
export * from './kafka-log-creator';
export * from './readiness';
export * from './health.controller';
export * from './service-logging';
