export * from './projection-store.port';
export * from './projection-registry.port';
export * from './rebuild-fences';
export * from './emissions.projector';
export * from './projection-rebuild.runner';
export * from './dead-letter.recorder';
export * from './projector-workers';
