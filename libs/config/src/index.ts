export * from './parse-env';
export * from './env-fields';
export * from './run-service';
export * from './tenant-id-field';
