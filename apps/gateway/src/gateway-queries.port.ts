import type {
  ApiKeyStore,
  ArtifactSummary,
  EmissionQueries,
  ProjectionRegistry,
  ProjectorInstanceStore,
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
  | 'listArtifacts'
  | 'countArtifacts'
  | 'rejectedSpans'
>;

/** Tenant and roles of an API key (libs/persistence ApiKeyStore). */
export type ApiKeyResolver = Pick<ApiKeyStore, 'resolveCaller'>;

/** Tenant configuration the gateway reads (libs/persistence ProjectionRegistry). */
export type FactorSetAdmin = Pick<ProjectionRegistry, 'state' | 'listFactorSets'>;

/** What projector instances last reported (libs/persistence ProjectorInstanceStore). Platform-wide. */
export type ProjectorInstances = Pick<ProjectorInstanceStore, 'list'>;

export const GATEWAY_INSTANCES = Symbol('GATEWAY_INSTANCES');
export const GATEWAY_FACTOR_SETS = Symbol('GATEWAY_FACTOR_SETS');
export const GATEWAY_PUBLISHER = Symbol('GATEWAY_PUBLISHER');
export const GATEWAY_QUERIES = Symbol('GATEWAY_QUERIES');
export const GATEWAY_API_KEYS = Symbol('GATEWAY_API_KEYS');
