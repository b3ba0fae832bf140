import {
  Controller,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { UnauthenticatedError } from '@greenops/auth';
import { ApiKeyGuard, type TenantRequest } from './api-key.guard';
import { IngestService } from './ingest.service';
import { INGEST_OPTIONS, type IngestOptions } from './ingest-tokens';
import { CONTENT_TYPES, otlpEncodingOf } from './otlp-content-type';
import { decodeJsonTraceRequest, decodeProtobufTraceRequest } from './otlp-decoder';
import { OtlpHttpExceptionFilter } from './otlp-http-exception.filter';
import { encodeExportTraceResponse, exportTraceResponse } from './otlp-response';
import { readRequestBody } from './request-body';

/** OTLP/HTTP trace receiver (protobuf or JSON, optionally gzip), answering in the request's encoding. */
@Controller()
@UseGuards(ApiKeyGuard)
@UseFilters(OtlpHttpExceptionFilter)
export class OtlpHttpController {
  constructor(
    private readonly ingest: IngestService,
    @Inject(INGEST_OPTIONS) private readonly options: IngestOptions,
  ) {}

  @Post('v1/traces')
  @HttpCode(200)
  async exportTraces(
    @Req() request: TenantRequest,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const tenant = request.greenopsTenant;
    if (tenant === undefined) throw new UnauthenticatedError('missing');
    const encoding = otlpEncodingOf(request.headers['content-type']);
    const body = await readRequestBody(request, this.options.maxRequestBytes);
    const resourceSpans =
      encoding === 'protobuf' ? decodeProtobufTraceRequest(body) : decodeJsonTraceRequest(body);
    const outcome = await this.ingest.export(tenant, resourceSpans);
    response.statusCode = 200;
    response.setHeader('Content-Type', CONTENT_TYPES[encoding]);
    response.end(encodeExportTraceResponse(exportTraceResponse(outcome), encoding));
  }
}
