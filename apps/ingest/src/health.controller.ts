import { Controller, Get } from '@nestjs/common';

/** Liveness for orchestrators: answers without a key and touches nothing downstream. */
@Controller()
export class HealthController {
  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
