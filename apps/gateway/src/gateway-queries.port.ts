import type {
  ApiKeyStore,
  ArtifactInsightQueries,
  BenchmarkQueries,
  BenchmarkSharingQueries,
  ArtifactSummary,
  EmissionQueries,
  PortfolioQueries,
  ProjectKpiQueries,
  ProjectReportQueries,
  ProjectionRegistry,
  RetentionQueries,
  DeletionRequestQueries,
  ProjectorInstanceStore,
  WhatIfQueries,
} from '@greenops/persistence';

export type { EmissionsTotals, ScopeTotals, RejectedSpanRow } from '@greenops/persistence';
export type ArtifactRow = ArtifactSummary;

/** The read side the gateway serves (libs/persistence EmissionQueries). Tenant-scoped. */
export type GatewayQueries = Pick<
  EmissionQueries,
  | 'projectTotals'
  | 'projectTotalsByScope'
  | 'dailyProjectTotals'
  | 'artifact'
  | 'artifactTotals'
  | 'artifactTotalsMany'
  | 'listArtifacts'
  | 'countArtifacts'
  | 'rejectedSpans'
  | 'projectStatementRows'
  | 'projectionFailures'
  | 'ingestRate'
  | 'artifactActivities'
>;

/** Tenant and roles of an API key (libs/persistence ApiKeyStore). */
export type ApiKeyResolver = Pick<ApiKeyStore, 'resolveCaller'>;

/** Tenant configuration the gateway reads (libs/persistence ProjectionRegistry). */
export type FactorSetAdmin = Pick<ProjectionRegistry, 'state' | 'listFactorSets' | 'factorSet'>;

/** What projector instances last reported (libs/persistence ProjectorInstanceStore). Platform-wide. */
export type ProjectorInstances = Pick<ProjectorInstanceStore, 'list'>;

export const GATEWAY_INSTANCES = Symbol('GATEWAY_INSTANCES');
export const GATEWAY_FACTOR_SETS = Symbol('GATEWAY_FACTOR_SETS');
export const GATEWAY_PUBLISHER = Symbol('GATEWAY_PUBLISHER');
export const GATEWAY_QUERIES = Symbol('GATEWAY_QUERIES');
/** The shipped factor catalogue and tenants' published sets (libs/factors FactorSetCatalog). */
export const GATEWAY_FACTOR_CATALOG = Symbol('GATEWAY_FACTOR_CATALOG');
export const GATEWAY_API_KEYS = Symbol('GATEWAY_API_KEYS');

/** The retention read side (libs/persistence RetentionQueries). Tenant-scoped. */
export type RetentionReader = Pick<
  RetentionQueries,
  | 'artifactHoldings'
  | 'projectHoldingTotals'
  | 'policies'
  | 'policy'
  | 'legalHolds'
  | 'previewData'
  | 'audit'
>;

export const GATEWAY_RETENTION = Symbol('GATEWAY_RETENTION');

/** Retention enforcement's read side (libs/persistence DeletionRequestQueries). Tenant-scoped. */
export type DeletionRequestReader = Pick<
  DeletionRequestQueries,
  | 'deletionRequests'
  | 'deletionRequest'
  | 'decision'
  | 'knownRequests'
  | 'breaches'
  | 'confirmedDeletionSums'
>;

/** What enforcement needs besides the retention reader (docs/retention.md, "Deadlines"). */
export interface RetentionEnforcementPort {
  requests: DeletionRequestReader;
  /** Added to the grace days: how long a holder has to answer a request. */
  answerWindowMs: number;
}

export const GATEWAY_ENFORCEMENT = Symbol('GATEWAY_ENFORCEMENT');
/** The insights read side (libs/persistence PortfolioQueries, ProjectKpiQueries). Tenant-scoped. */
export interface InsightsReads {
  portfolio: Pick<PortfolioQueries, 'listProjects' | 'project'>;
  kpis: Pick<ProjectKpiQueries, 'kpiInputs' | 'series'>;
  artifacts: Pick<ArtifactInsightQueries, 'statusHistory' | 'iteration' | 'iterations'>;
  benchmarks: Pick<BenchmarkQueries, 'cohort' | 'productionType'>;
  reports: Pick<ProjectReportQueries, 'report'>;
  /** Stored activity inputs for what-if recomputation (docs/insights.md §5). */
  whatIf: Pick<WhatIfQueries, 'activityInputs'>;
  sharing: Pick<BenchmarkSharingQueries, 'sharing' | 'setSharing' | 'contributions'>;
}

export const GATEWAY_INSIGHTS = Symbol('GATEWAY_INSIGHTS');
