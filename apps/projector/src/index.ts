export * from './activity-recorded.schema';
export * from './tenant-events.schema';
export * from './projection-store.port';
export * from './projection-registry.port';
export * from './factor-set.catalog';
export * from './rebuild-fences';
export * from './emissions.projector';
export * from './projection-rebuild.runner';
