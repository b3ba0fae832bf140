import { Controller, Get, Header, Inject, Param, Req } from '@nestjs/common';
import { authenticateApiKey, requireRole } from '@greenops/auth';
import { FactorSetCatalog } from '@greenops/factors';
import {
  renderMethodologicalStatementMarkdown,
  type MethodologicalStatement,
} from '@greenops/methodology';
import type { GatewayRequest } from '../auth/tenant-context';
import { asHttpException } from '../auth/api-key.guard';
import { GatewayError } from '../errors/gateway-error';
import { checkId } from '../graphql/argument-checks';
import {
  GATEWAY_API_KEYS,
  GATEWAY_FACTOR_CATALOG,
  GATEWAY_FACTOR_SETS,
  GATEWAY_QUERIES,
  type ApiKeyResolver,
  type FactorSetAdmin,
  type GatewayQueries,
} from '../gateway-queries.port';
import { projectStatement, type StatementSources } from './project-statement';

/**
 * Downloads of a project's methodological statement for a report's appendix: JSON (the same
 * content as GraphQL `Project.methodologyStatement`) and Markdown. Same API key, role `read`.
 */
@Controller('reports/projects')
export class StatementReportController {
  private readonly sources: StatementSources;

  constructor(
    @Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries,
    @Inject(GATEWAY_API_KEYS) private readonly apiKeys: ApiKeyResolver,
    @Inject(GATEWAY_FACTOR_SETS) factorSets: FactorSetAdmin,
    @Inject(GATEWAY_FACTOR_CATALOG) catalog: FactorSetCatalog,
  ) {
    this.sources = { queries, factorSets, catalog };
  }

  @Get(':id/statement.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  async json(@Req() req: GatewayRequest, @Param('id') id: string): Promise<string> {
    return JSON.stringify(await this.statement(req, id), null, 2);
  }

  @Get(':id/statement.md')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  async markdown(@Req() req: GatewayRequest, @Param('id') id: string): Promise<string> {
    return renderMethodologicalStatementMarkdown(await this.statement(req, id));
  }

  private async statement(req: GatewayRequest, id: string): Promise<MethodologicalStatement> {
    const projectId = checkId('id', id);
    let tenant: string;
    try {
      const caller = await authenticateApiKey(req.headers, this.apiKeys);
      requireRole(caller, 'read');
      tenant = caller.tenant;
    } catch (error) {
      throw asHttpException(error);
    }
    // Another tenant's project is as unknown as one that does not exist.
    if (!(await this.queries.projectTotals(tenant, projectId))) {
      throw new GatewayError('NOT_FOUND', `project ${projectId} has no data for this tenant`);
    }
    const statement = await projectStatement(this.sources, tenant, projectId);
    req.res?.attachment(
      `${safeFileName(projectId)}-statement.${req.path.endsWith('.md') ? 'md' : 'json'}`,
    );
    return statement;
  }
}

/** Project ids are free text; a download file name keeps only portable characters. */
function safeFileName(projectId: string): string {
  return projectId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'project';
}
