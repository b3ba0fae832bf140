export * from './activity-recorded.schema';
export * from './projection-store.port';
export * from './emissions.projector';
