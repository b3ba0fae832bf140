export type { DatabaseHandle, DatabaseCapabilities } from './database-handle';
export { openPostgres } from './open-postgres';
export { openEmbeddedTimescale } from './open-embedded-timescale';
export {
  EMBEDDED_ENGINES,
  DEFAULT_EMBEDDED_ENGINE,
  type EmbeddedEngine,
} from './embedded/embedded-engine';
export { EmissionStore, type EmissionBatch, type RejectionInput } from './emission-store';
export type { EmissionFactInput } from './emission-fact-columns';
export type { ArtifactUpsert } from './artifact-merge';
export type { ConsumerOffsetInput } from './offset-merge';
export {
  EmissionQueries,
  MAX_PAGE_SIZE,
  type ArtifactSummary,
  type ArtifactPage,
  type DailyProjectTotal,
  type ScopeTotals,
  type RejectedSpanRow,
} from './emission-queries';
export type { EmissionsTotals } from './emissions-totals';
export {
  ApiKeyStore,
  hashApiKey,
  MIN_API_KEY_LENGTH,
  API_KEY_ROLES,
  type ApiKeyRole,
  type ApiCaller,
} from './api-key-store';
export {
  EventLogTable,
  MAX_READ_LIMIT,
  type EventLogAppend,
  type EventLogEntry,
} from './event-log-table';
export { PersistenceInputError } from './persistence-input.error';
export { INITIAL_PROJECTION_VERSION, SERVED_PROJECTION_VERSION } from './projection-version';
export * from './entities';
export {
  ProjectionRegistry,
  type TenantProjection,
  type PublishedFactorSet,
} from './projection-registry';
