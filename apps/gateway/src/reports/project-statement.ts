import {
  buildMethodologicalStatement,
  type MethodologicalStatement,
  type StatementFactRow,
} from '@greenops/methodology';
import type { FactorSet } from '@greenops/factors';
import type { ProjectStatementRows } from '@greenops/persistence';
import type { GatewayRequest } from '../auth/tenant-context';
import type { FactorSetAdmin, GatewayQueries } from '../gateway-queries.port';
import type { FactorSetCatalog } from '@greenops/factors';

export interface StatementSources {
  queries: Pick<GatewayQueries, 'projectStatementRows'>;
  factorSets: Pick<FactorSetAdmin, 'state'>;
  catalog: Pick<FactorSetCatalog, 'get'>;
}

/**
 * A project's methodological statement, generated from its served facts and described with the
 * factor set the tenant is served (sources, years, data-quality ratings).
 */
export async function projectStatement(
  sources: StatementSources,
  tenant: string,
  projectId: string,
): Promise<MethodologicalStatement> {
  const [facts, factorSet] = await Promise.all([
    sources.queries.projectStatementRows(tenant, projectId),
    servedFactorSet(sources, tenant),
  ]);
  return statementFrom(projectId, facts, factorSet);
}

function statementFrom(
  projectId: string,
  facts: ProjectStatementRows,
  factorSet: FactorSet,
): MethodologicalStatement {
  const rows: StatementFactRow[] = facts.rows;
  return buildMethodologicalStatement({
    projectId,
    rows,
    factorSet,
    methodologyVersions: facts.methodologyVersions,
    factorSetVersions: facts.factorSetVersions,
  });
}

async function servedFactorSet(sources: StatementSources, tenant: string): Promise<FactorSet> {
  const state = await sources.factorSets.state(tenant);
  return sources.catalog.get(tenant, state.currentFactorSetVersion);
}

const statements = new WeakMap<GatewayRequest, Map<string, Promise<MethodologicalStatement>>>();

/** Once per project per request, however many fields (dataQuality, methodologyStatement) ask. */
export function loadProjectStatement(
  req: GatewayRequest,
  sources: StatementSources,
  tenant: string,
  projectId: string,
): Promise<MethodologicalStatement> {
  let perRequest = statements.get(req);
  if (!perRequest) {
    perRequest = new Map();
    statements.set(req, perRequest);
  }
  let statement = perRequest.get(projectId);
  if (!statement) {
    statement = projectStatement(sources, tenant, projectId);
    perRequest.set(projectId, statement);
  }
  return statement;
}
