export type { DatabaseHandle, DatabaseCapabilities } from './database-handle';
export { openPostgres } from './open-postgres';
export {
  openEmbeddedTimescale,
  isEmbeddedDataDir,
  type EmbeddedTimescaleOptions,
} from './open-embedded-timescale';
export {
  DataDirLockedError,
  DATA_DIR_LOCK_FILE,
  LOCK_STALE_AFTER_MS,
  type DataDirLockHolder,
} from './embedded/data-dir-lock';
export {
  EMBEDDED_ENGINES,
  DEFAULT_EMBEDDED_ENGINE,
  type EmbeddedEngine,
} from './embedded/embedded-engine';
export type { WorkerMemory } from './embedded/pglite-host';
export { EmissionStore, type EmissionBatch, type RejectionInput } from './emission-store';
export {
  PROJECTION_STAGES,
  type ProjectionStage,
  type ProjectionFailureInput,
  type ProjectionFailureRow,
  type ProjectionFailurePage,
} from './projection-failure';
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
  type ProjectStatementRows,
  type StatementGroupRow,
} from './emission-queries';
export type { EmissionsTotals } from './emissions-totals';
export {
  MAX_ACTIVITY_PAGE,
  type ArtifactActivityPage,
  type ArtifactActivityRow,
} from './artifact-activities';
export { MAX_INGEST_RATE_WINDOW_MINUTES, type IngestRate } from './ingest-rate-sql';
export {
  ApiKeyStore,
  hashApiKey,
  MIN_API_KEY_LENGTH,
  MAX_API_KEY_LENGTH,
  API_KEY_PATTERN,
  API_KEY_ROLES,
  MAX_LISTED_KEYS,
  type ApiKeyRole,
  type ApiCaller,
  type ApiKeyInfo,
  type AddedApiKey,
  type RevokeKeyResult,
} from './api-key-store';
export { generateApiKey } from './generate-api-key';
export {
  EventLogTable,
  MAX_READ_LIMIT,
  type EventLogAppend,
  type EventLogEntry,
} from './event-log-table';
export { PersistenceInputError } from './persistence-input.error';
export {
  PersistenceError,
  PERSISTENCE_ERROR_CODES,
  ReadTimeoutError,
  DatabaseUnavailableError,
  type PersistenceErrorCode,
} from './persistence-error';
export type { ReadScheduler } from './read-scheduler';
export type { PostgresOptions } from './open-postgres';
export { MAX_RETURNED_TEXT_CHARS, MAX_RETURNED_ID_CHARS } from './returned-text';
export { hasControlCharacter } from './input-checks';
export { INITIAL_PROJECTION_VERSION, SERVED_PROJECTION_VERSION } from './projection-version';
export * from './entities';
export {
  ProjectionRegistry,
  type TenantProjection,
  type PublishedFactorSet,
} from './projection-registry';
export {
  RetentionStore,
  RETENTION_AUDIT_ACTIONS,
  type HoldingUpsert,
  type RetentionAuditAction,
  type RetentionBatch,
  type RetentionChange,
  type RetentionChangeInput,
} from './retention-store';
export {
  applyEnforcementChanges,
  recordBreaches,
  DeletionRequestStore,
  ENFORCEMENT_AUDIT_ACTIONS,
  RESEND_ACTOR,
  type DeletionRequestInput,
  type DueDeletionRequest,
  type EnforcementChange,
  type EnforcementSkipped,
  type RetentionMove,
  type RetentionRequestAction,
} from './deletion-request-store';
export {
  DeletionRequestQueries,
  DELETION_REQUEST_STATUSES,
  MAX_DELETION_REQUEST_PAGE,
  holdingKey,
  type BreachRow,
  type ConfirmedDeletionSums,
  type DecisionRow,
  type DeletionRequestRow,
  type DeletionRequestStatus,
  type KnownRequests,
} from './deletion-request-queries';
export {
  RetentionQueries,
  MAX_AUDIT_PAGE,
  MAX_PREVIEW_ROWS,
  type HoldingRow,
  type HoldingTotalRow,
  type LegalHoldRow,
  type RetentionAuditRow,
  type RetentionPolicyRow,
  type RetentionPreviewData,
} from './retention-queries';
export {
  InsightsStore,
  type InsightsBatch,
  type DeclarationInput,
  type MeasureInput,
  type StatusChangeInput,
} from './insights-store';
export {
  PortfolioQueries,
  PORTFOLIO_ORDERS,
  MAX_PORTFOLIO_OFFSET,
  type PortfolioOrder,
  type PortfolioFilter,
  type ProjectPage,
  type ProjectSummary,
} from './portfolio-queries';
export {
  ProjectKpiQueries,
  SERIES_BUCKETS,
  SERIES_DIMENSIONS,
  MAX_KPI_WINDOW_DAYS,
  type ProjectKpiInputs,
  type SeriesBucket,
  type SeriesDimension,
  type SeriesPoint,
} from './project-kpi-queries';
export { insightsReads } from './insights-reads';
export {
  ArtifactInsightQueries,
  MAX_STATUS_HISTORY,
  type ArtifactIteration,
  type ArtifactStatusChangeRow,
} from './artifact-insight-queries';
export { BenchmarkQueries, MAX_COHORT_PROJECTS, type CohortProjectRow } from './benchmark-queries';
export {
  BenchmarkSharingQueries,
  MAX_CROSS_TENANT_PROJECTS,
  type BenchmarkSharingState,
  type ContributorProjectRow,
} from './benchmark-sharing-queries';
export {
  ProjectReportQueries,
  MAX_REPORT_ROWS,
  type ProjectReportRow,
} from './project-report-queries';
export {
  ProjectorInstanceStore,
  databaseCheck,
  STALE_INSTANCE_MS,
  MAX_LISTED_INSTANCES,
  type ProjectorInstanceReport,
  type ProjectorInstanceRow,
  type ReportedPartition,
} from './projector-instance-store';
export {
  WhatIfQueries,
  MAX_WHAT_IF_INPUT_GROUPS,
  type ActivityInputGroup,
  type WhatIfActivityData,
} from './what-if-queries';
export {
  MAX_ACTIVITY_INPUTS_CHARS,
  type ActivityInputRow,
  type StoredActivityInputs,
} from './activity-inputs';
export {
  TelemetryRetentionStore,
  MAX_RAW_DAYS,
  RETENTION_BATCH,
  SWEEP_KEY_ID,
  type TelemetryRetentionActor,
  type TelemetryRetentionRun,
  type TelemetryRetentionSetting,
} from './telemetry-retention.store';
export {
  ProjectErasureStore,
  type ProjectErasure,
  type ProjectErasureActor,
} from './project-erasure.store';
export { PROJECT_KPI_AGGREGATE_BUILD } from './migrations/1767225601750-project-kpi-aggregates';
export { ARTIFACT_KPI_DAILY_BUILD } from './migrations/1767225601900-artifact-kpi-daily';
