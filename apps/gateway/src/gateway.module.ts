import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Request } from 'express';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@greenops/observability';
import { ReportsController } from './reports/reports.controller';
import { GatewayExceptionFilter } from './graphql/gateway-exception.filter';
import {
  DEFAULT_QUERY_COST_LIMITS,
  queryCostPlugin,
  type QueryCostLimits,
} from './graphql/query-cost.plugin';
import { DEFAULT_MAX_RESPONSE_BYTES, responseBudgetPlugin } from './graphql/response-budget.plugin';
import type { EventLogPublisher } from '@greenops/messaging';
import { GATEWAY_RESOLVERS } from './graphql/resolvers';
import { serveDashboard, type DashboardOptions } from './dashboard/serve-dashboard';
import { StatementReportController } from './reports/statement-report.controller';
import { FactorSetCatalog } from '@greenops/factors';
import {
  GATEWAY_API_KEYS,
  GATEWAY_FACTOR_CATALOG,
  GATEWAY_FACTOR_SETS,
  GATEWAY_INSIGHTS,
  GATEWAY_INSTANCES,
  GATEWAY_PUBLISHER,
  GATEWAY_QUERIES,
  GATEWAY_RETENTION,
  GATEWAY_ENFORCEMENT,
  type RetentionEnforcementPort,
  type ApiKeyResolver,
  type FactorSetAdmin,
  type GatewayQueries,
  type RetentionReader,
  type InsightsReads,
  type ProjectorInstances,
} from './gateway-queries.port';
import {
  GATEWAY_TELEMETRY_RETENTION,
  type TelemetryRetentionAdmin,
} from './telemetry-retention.port';

export interface GatewayOptions {
  queries: GatewayQueries;
  apiKeys: ApiKeyResolver;
  factorSets: FactorSetAdmin;
  /** Holdings, retention policies, legal holds and their audit (docs/retention.md). */
  retention?: RetentionReader;
  /** The tenant's raw-telemetry window and project erasure (docs/retention.md, "The platform's own data"). */
  telemetryRetention?: TelemetryRetentionAdmin;
  /** Deletion requests, breaches and booked avoided emissions (docs/retention.md). */
  enforcement?: RetentionEnforcementPort;
  /** Portfolio and KPI reads (docs/insights.md). */
  insights: InsightsReads;
  /** The event log, for publishing tenant events (factor sets). Without it those mutations answer 503. */
  publisher?: EventLogPublisher;
  /** Overrides of DEFAULT_QUERY_COST_LIMITS. */
  costLimits?: Partial<QueryCostLimits>;
  /** Byte budget of one response (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Apollo landing page / introspection; on by default, off in production configs. */
  introspection?: boolean;
  /** The web dashboard at `/` (static build, strict CSP); omitted: not served. */
  dashboard?: DashboardOptions;
  /** What /readyz checks (docs/operations.md, "Health and readiness"); none: always ready. */
  readiness?: ReadinessCheck[];
  /** Projector instances for `platformHealth` (distributed mode); without it the list is empty. */
  instances?: ProjectorInstances;
  /** The service's logger (the JSON logger in distributed mode); Nest's errors and warnings otherwise. */
  logger?: LoggerService;
}

/** Lexical tokens of one GraphQL document (docs/operations.md, "Limits"). */
export const MAX_DOCUMENT_TOKENS = 20_000;

@Module({})
export class GatewayModule {
  static register(options: GatewayOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          introspection: options.introspection ?? true,
          playground: false,
          // Guards and the exception filter also run on @ResolveField methods (Nest skips them
          // there by default); the guard is cheap once the request carries its tenant.
          fieldResolverEnhancers: ['guards', 'filters'],
          // A document of more tokens is refused by the parser (400) before any other work:
          // validation rules grow faster than linearly with the size of a document.
          parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
          plugins: [
            queryCostPlugin({ ...DEFAULT_QUERY_COST_LIMITS, ...options.costLimits }),
            responseBudgetPlugin(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
          ],
          context: ({ req }: { req: Request }) => ({ req }),
          formatError: (formatted) => {
            // Never leak stack traces to clients.
            const { extensions, ...rest } = formatted;
            const { stacktrace: _stacktrace, ...safe } = (extensions ?? {}) as Record<
              string,
              unknown
            >;
            return { ...rest, extensions: safe };
          },
        }),
      ],
      controllers: [HealthController, StatementReportController, ReportsController],
      providers: [
        { provide: GATEWAY_QUERIES, useValue: options.queries },
        { provide: GATEWAY_API_KEYS, useValue: options.apiKeys },
        { provide: GATEWAY_FACTOR_SETS, useValue: options.factorSets },
        { provide: GATEWAY_FACTOR_CATALOG, useValue: new FactorSetCatalog(options.factorSets) },
        { provide: GATEWAY_INSIGHTS, useValue: options.insights },
        ...(options.publisher ? [{ provide: GATEWAY_PUBLISHER, useValue: options.publisher }] : []),
        ...(options.retention ? [{ provide: GATEWAY_RETENTION, useValue: options.retention }] : []),
        ...(options.telemetryRetention
          ? [{ provide: GATEWAY_TELEMETRY_RETENTION, useValue: options.telemetryRetention }]
          : []),
        ...(options.enforcement
          ? [{ provide: GATEWAY_ENFORCEMENT, useValue: options.enforcement }]
          : []),
        ...(options.instances ? [{ provide: GATEWAY_INSTANCES, useValue: options.instances }] : []),
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
        { provide: READINESS_CHECKS, useValue: options.readiness ?? [] },
        ApiKeyGuard,
        ...GATEWAY_RESOLVERS,
      ],
    };
  }
}

/** A ready-to-listen gateway (GraphQL at /graphql, JSON bodies capped at 1 MB: room for a month of hourly grid factors). */
export async function createGatewayApp(options: GatewayOptions): Promise<INestApplication> {
  const app = await NestFactory.create(GatewayModule.register(options), {
    logger: options.logger ?? ['error', 'warn'],
    bodyParser: false,
  });
  const express = await import('express');
  app.use(express.json({ limit: '1mb' }));
  if (options.dashboard) await serveDashboard(app, options.dashboard);
  return app;
}
