/** Read side the gateway needs (implemented by libs/persistence EmissionQueries). Tenant-scoped. */
export interface EmissionsTotals {
  energyKwh: number;
  co2eG: number;
  co2eMarketG: number;
  operationalG: number;
  embodiedG: number;
  trainingG: number;
  lowG: number;
  highG: number;
  activityCount: number;
}

export interface ArtifactRow {
  id: string;
  projectId: string;
  kind: string | null;
  status: string | null;
  parentId: string | null;
}

export interface ScopeTotals extends EmissionsTotals {
  scope: number;
  category: string;
}

export interface DailyTotals {
  day: string;
  co2eG: number;
  energyKwh: number;
}

export interface RejectedSpanRow {
  traceId: string;
  spanId: string;
  spanName: string;
  field: string;
  reason: string;
  rejectedAt: string;
}

export interface GatewayQueries {
  countArtifacts(
    tenant: string,
    projectId: string,
    kind: string,
    statuses?: readonly string[],
  ): Promise<number>;
  rejectedSpans(tenant: string, first: number): Promise<RejectedSpanRow[]>;
  projectTotalsByScope(tenant: string, projectId: string): Promise<ScopeTotals[]>;
  dailyProjectTotals(
    tenant: string,
    projectId: string,
    from: string,
    to: string,
  ): Promise<DailyTotals[]>;
  projectTotals(tenant: string, projectId: string): Promise<EmissionsTotals | null>;
  artifact(tenant: string, projectId: string, artifactId: string): Promise<ArtifactRow | null>;
  artifactTotals(tenant: string, projectId: string, artifactId: string): Promise<EmissionsTotals>;
  listArtifacts(
    tenant: string,
    projectId: string,
    first: number,
    after?: string,
  ): Promise<{
    nodes: Array<ArtifactRow & { cursor: string }>;
    hasNextPage: boolean;
    endCursor: string | null;
  }>;
}

export interface ApiCaller {
  tenant: string;
  roles: string[];
}

export interface ApiKeyResolver {
  resolveCaller(key: string): Promise<ApiCaller | null>;
}

/** Tenant configuration the gateway reads (implemented by libs/persistence ProjectionRegistry). */
export interface TenantProjectionState {
  currentVersion: number;
  currentFactorSetVersion: string | null;
  building: {
    version: number;
    factorSetVersion: string;
    fences: Record<string, string> | null;
  } | null;
}

export interface PublishedFactorSetRow {
  version: string;
  baseVersion: string;
  name: string;
  factors: unknown;
  publishedAt: string;
}

export interface FactorSetAdmin {
  state(tenant: string): Promise<TenantProjectionState>;
  listFactorSets(tenant: string): Promise<PublishedFactorSetRow[]>;
}

export const GATEWAY_FACTOR_SETS = Symbol('GATEWAY_FACTOR_SETS');
export const GATEWAY_PUBLISHER = Symbol('GATEWAY_PUBLISHER');

export const GATEWAY_QUERIES = Symbol('GATEWAY_QUERIES');
export const GATEWAY_API_KEYS = Symbol('GATEWAY_API_KEYS');
