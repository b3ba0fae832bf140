import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_TYPES, responseEncodingOf } from './otlp-content-type';
import { mapIngestError, refusalReason, requestIds } from './otlp-error-mapping';
import { encodeRpcStatus } from './otlp-response';

/** Answers every failure of the OTLP/HTTP route with the mapped status and a google.rpc.Status body. */
@Catch()
export class OtlpHttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('OtlpHttp');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage>();
    const response = http.getResponse<ServerResponse>();
    const mapped = mapIngestError(error);
    if (mapped.httpStatus === 503) {
      // The broker is away: one WARN line with the reason; the sender retries (Retry-After).
      this.logger.warn(
        `refused ${request.method ?? ''} ${request.url ?? ''} with 503: ${refusalReason(error)}`,
        requestIds(request.headers),
      );
    } else if (mapped.httpStatus >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const encoding = responseEncodingOf(request.headers['content-type']);
    response.statusCode = mapped.httpStatus;
    for (const [name, value] of Object.entries(mapped.headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', CONTENT_TYPES[encoding]);
    response.end(encodeRpcStatus(mapped.grpcCode, mapped.message, encoding));
  }
}
