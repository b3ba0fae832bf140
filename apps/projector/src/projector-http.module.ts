import {
  Controller,
  Get,
  Inject,
  Module,
  type DynamicModule,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@greenops/observability';
import type { ProjectorStatus } from './projector-status';

const PROJECTOR_STATUS = Symbol('PROJECTOR_STATUS');

/** GET /status: this instance's partitions and each one's lag (docs/operations.md). */
@Controller()
export class ProjectorStatusController {
  constructor(@Inject(PROJECTOR_STATUS) private readonly status: () => Promise<ProjectorStatus>) {}

  @Get('status')
  current(): Promise<ProjectorStatus> {
    return this.status();
  }
}

export interface ProjectorHttpOptions {
  readiness: ReadinessCheck[];
  status: () => Promise<ProjectorStatus>;
  logger?: LoggerService;
}

@Module({})
class ProjectorHttpModule {
  static register(options: ProjectorHttpOptions): DynamicModule {
    return {
      module: ProjectorHttpModule,
      controllers: [HealthController, ProjectorStatusController],
      providers: [
        { provide: READINESS_CHECKS, useValue: options.readiness },
        { provide: PROJECTOR_STATUS, useValue: options.status },
      ],
    };
  }
}

/** The projector's HTTP port: /livez, /readyz (= /healthz) and /status; not yet listening. */
export function createProjectorHttpApp(options: ProjectorHttpOptions): Promise<INestApplication> {
  return NestFactory.create(ProjectorHttpModule.register(options), {
    logger: options.logger ?? ['error', 'warn'],
  });
}
