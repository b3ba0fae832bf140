import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { evaluateReadiness, type ReadinessCheck, type ReadinessReport } from './readiness';

/** Injection token of the service's readiness checks (`ReadinessCheck[]`). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * The one health controller of every service (docs/operations.md, "Health and readiness"):
 * `/livez` says the process is alive and touches nothing downstream; `/readyz` runs the
 * service's readiness checks and answers 503 with the failing ones; `/healthz` is `/readyz`.
 * None needs a key.
 */
@Controller()
export class HealthController {
  constructor(
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[] = [],
  ) {}

  @Get('livez')
  live(): { status: 'alive' } {
    return { status: 'alive' };
  }

  @Get('readyz')
  ready(@Res() response: ServerResponse): Promise<void> {
    return this.readiness(response);
  }

  @Get('healthz')
  health(@Res() response: ServerResponse): Promise<void> {
    return this.readiness(response);
  }

  /** Written by hand: Nest would otherwise overwrite the status of a returned body with 200. */
  private async readiness(response: ServerResponse): Promise<void> {
    const report: ReadinessReport = await evaluateReadiness(this.checks ?? []);
    response.statusCode = report.status === 'ready' ? 200 : 503;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(JSON.stringify(report));
  }
}
