import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  authenticateApiKey,
  PermissionDeniedError,
  requireRole,
  UnauthenticatedError,
} from '@greenops/auth';
import { hasControlCharacter } from '@greenops/persistence';
import {
  GATEWAY_API_KEYS,
  GATEWAY_INSIGHTS,
  GATEWAY_QUERIES,
  type ApiKeyResolver,
  type GatewayQueries,
  type InsightsReads,
} from '../gateway-queries.port';
import { projectReportCsv } from './project-report-csv';

const FILE = /^(.{1,200})\.(csv|json)$/s;

/**
 * Exports of a project's totals by month, scope, category and activity kind with their factor
 * provenance (docs/insights.md): `GET /reports/projects/:id.csv` and `….json`, with a key of
 * the `read` role; the tenant is the key's.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    @Inject(GATEWAY_API_KEYS) private readonly apiKeys: ApiKeyResolver,
    @Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries,
    @Inject(GATEWAY_INSIGHTS) private readonly insights: InsightsReads,
  ) {}

  @Get('projects/:file')
  async project(
    @Param('file') file: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    let tenant: string;
    try {
      const caller = await authenticateApiKey(req.headers, this.apiKeys);
      requireRole(caller, 'read');
      tenant = caller.tenant;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new UnauthorizedException(error.message);
      if (error instanceof PermissionDeniedError) throw new ForbiddenException(error.message);
      throw error;
    }
    const match = FILE.exec(file);
    if (!match || hasControlCharacter(match[1])) {
      throw new BadRequestException(
        'id: must be 1–200 characters without control characters, followed by .csv or .json',
      );
    }
    const [, projectId, format] = match;
    const totals = await this.queries.projectTotals(tenant, projectId);
    if (!totals) throw new NotFoundException(`no project ${projectId}`);
    const rows = await this.insights.reports.report(tenant, projectId);
    const name = projectId.replace(/[^A-Za-z0-9._-]/g, '_');
    res.setHeader('content-disposition', `attachment; filename="${name}.${format}"`);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(projectReportCsv(rows));
    } else {
      res
        .type('application/json')
        .send(JSON.stringify({ projectId, generatedAt: new Date().toISOString(), rows }));
    }
  }
}
