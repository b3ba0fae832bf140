export * from './parse-env';
export * from './env-fields';
export * from './run-service';
export * from './tenant-id-field';
export * from './log-level-field';
export * from './kafka-security-env';
export * from './retention-enforcement-env';
export * from './telemetry-retention-env';
