import {
  Module,
  type DynamicModule,
  type INestApplication,
  type LoggerService,
  type LogLevel,
} from '@nestjs/common';
import { HealthController, READINESS_CHECKS } from '@greenops/observability';
import { NestFactory } from '@nestjs/core';
import { DEFAULT_SPAN_TIME_LIMITS } from '@greenops/semconv';
import { ApiKeyGuard } from './api-key.guard';
import { IngestService } from './ingest.service';
import {
  API_KEY_RESOLVER,
  DEFAULT_MAX_REQUEST_BYTES,
  EVENT_LOG_PUBLISHER,
  INGEST_OPTIONS,
  type IngestModuleOptions,
  type IngestOptions,
} from './ingest-tokens';
import { withKeyStoreAvailability } from './key-store-availability';
import { OtlpHttpController } from './otlp-http.controller';

export function resolveIngestOptions(
  options: Pick<IngestModuleOptions, 'maxRequestBytes' | 'spanTimeLimits'>,
): IngestOptions {
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  if (!Number.isSafeInteger(maxRequestBytes) || maxRequestBytes <= 0) {
    throw new Error(
      `maxRequestBytes must be a positive integer, got ${String(options.maxRequestBytes)}`,
    );
  }
  const spanTimeLimits = options.spanTimeLimits ?? DEFAULT_SPAN_TIME_LIMITS;
  const { earliestMs, maxFutureSkewMs } = spanTimeLimits;
  if (
    !Number.isSafeInteger(earliestMs) ||
    !Number.isSafeInteger(maxFutureSkewMs) ||
    maxFutureSkewMs < 0
  ) {
    throw new Error(
      `spanTimeLimits must be whole milliseconds with a non-negative skew, got ${JSON.stringify(spanTimeLimits)}`,
    );
  }
  return { maxRequestBytes, spanTimeLimits };
}

/** The OTLP/HTTP receiver with its ports bound; exports IngestService for the gRPC receiver. */
@Module({})
export class IngestModule {
  static register(options: IngestModuleOptions): DynamicModule {
    return {
      module: IngestModule,
      controllers: [OtlpHttpController, HealthController],
      providers: [
        { provide: EVENT_LOG_PUBLISHER, useValue: options.publisher },
        { provide: API_KEY_RESOLVER, useValue: withKeyStoreAvailability(options.apiKeys) },
        { provide: INGEST_OPTIONS, useValue: resolveIngestOptions(options) },
        { provide: READINESS_CHECKS, useValue: options.readiness ?? [] },
        ApiKeyGuard,
        IngestService,
      ],
      exports: [IngestService, EVENT_LOG_PUBLISHER, API_KEY_RESOLVER, INGEST_OPTIONS],
    };
  }
}

export interface IngestHttpAppOptions extends IngestModuleOptions {
  /** Nest's log levels, or the service's logger (the JSON logger in distributed mode). */
  logger?: LogLevel[] | LoggerService | false;
}

/**
 * The OTLP/HTTP receiver as a Nest app, not yet listening: `await app.listen(4318, '127.0.0.1')`.
 * The body parser is off because the controller reads raw (possibly gzipped) bytes itself,
 * with the size limit applied before and after decompression.
 */
export async function createIngestHttpApp(
  options: IngestHttpAppOptions,
): Promise<INestApplication> {
  return NestFactory.create(IngestModule.register(options), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn'],
  });
}
