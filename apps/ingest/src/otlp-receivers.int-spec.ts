import { diag, DiagLogLevel } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { INestApplication } from '@nestjs/common';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ApiCaller, ApiCallerResolver } from '@greenops/auth';
import {
  recordedActivities,
  TOPICS,
  type ActivitiesRecorded,
  type RejectedSpan,
} from '@greenops/contracts';
import { createIngestHttpApp } from './ingest.module';
import { IngestService } from './ingest.service';
import { startOtlpGrpcServer, type OtlpGrpcServer } from './otlp-grpc.server';
import { otlpProtobufTypes } from './otlp-protobuf-types';
import { otlpProtoRoot, TRACE_SERVICE_PROTO } from './proto-location';
import { InMemoryEventLogPublisher } from './testing/in-memory-event-log.publisher';

const KEY = 'test-key-a';
/** A valid key of the same tenant that may query but not ingest. */
const READ_ONLY_KEY = 'test-key-a-read-only';
const MAX_REQUEST_BYTES = 64 * 1024;
const CALLERS: Record<string, ApiCaller> = {
  [KEY]: { tenant: 'tenant-a', roles: ['ingest', 'read'] },
  [READ_ONLY_KEY]: { tenant: 'tenant-a', roles: ['read', 'admin'] },
};
/** The ApiKeyStore port (libs/auth) over two fixed keys; the store itself is tested on PostgreSQL. */
const apiKeys: ApiCallerResolver = {
  resolveCaller: async (key) => (Object.hasOwn(CALLERS, key) ? CALLERS[key] : null),
};

/** Three render spans from the real SDK; the one named "broken" lacks greenops.activity.kind. */
function renderSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'renderfarm',
      'greenops.project.id': 'series-s01',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('ingest-int-test');
  for (const [name, kind] of [
    ['frame-1', 'render'],
    ['broken', undefined],
    ['frame-2', 'render'],
  ] as const) {
    const span = tracer.startSpan(name, { startTime: 1_700_000_000_000 });
    if (kind) span.setAttribute('greenops.activity.kind', kind);
    span.setAttribute('greenops.hw.power_w', 300);
    span.end(1_700_000_060_000);
  }
  return exporter.getFinishedSpans();
}

function exportWith(
  exporter: { export(spans: ReadableSpan[], cb: (r: ExportResult) => void): void },
  spans: ReadableSpan[],
) {
  return new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
}

interface ChildExport {
  code: ExportResultCode;
  error?: string;
  warnings: string[];
  spans: Array<{ name: string; traceId: string; spanId: string }>;
}

/**
 * The OTLP/HTTP protobuf exporter runs in a plain Node child: it loads `http` with a dynamic
 * import(), which jest's module sandbox refuses unless jest runs with --experimental-vm-modules.
 */
function exportWithProtoExporterInChild(input: object): Promise<ChildExport> {
  const script = join(__dirname, 'testing', 'otlp-proto-export.child.js');
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [script, JSON.stringify(input)],
      { timeout: 60_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(JSON.parse(stdout) as ChildExport),
    ),
  );
}

async function rpcStatus(response: Response): Promise<{ code: number; message: string }> {
  return (await response.json()) as { code: number; message: string };
}

function jsonBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(JsonTraceSerializer.serializeRequest(spans)!);
}

describe('OTLP receivers (HTTP + gRPC) with the OpenTelemetry JS exporters', () => {
  const publisher = new InMemoryEventLogPublisher();
  let app: INestApplication;
  let grpcServer: OtlpGrpcServer;
  let httpUrl: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    app = await createIngestHttpApp({
      publisher,
      apiKeys,
      maxRequestBytes: MAX_REQUEST_BYTES,
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    httpUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/v1/traces`;
    grpcServer = await startOtlpGrpcServer({
      host: '127.0.0.1',
      port: 0,
      ingest: app.get(IngestService),
      apiKeys,
      maxRequestBytes: MAX_REQUEST_BYTES,
    });
    const record = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    diag.setLogger(
      { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
  });

  afterAll(async () => {
    diag.disable();
    await grpcServer.close();
    await app.close();
  });

  beforeEach(() => {
    publisher.batches.length = 0;
    publisher.available = true;
    warnings.length = 0;
  });

  /** spanIds of frame-1, broken, frame-2 in that order. */
  function expectTwoAcceptedOneRejected(spanIds: string[]): void {
    const events = publisher.records
      .filter((r) => r.topic === TOPICS.activities)
      .flatMap((r) => recordedActivities(r.value as ActivitiesRecorded));
    expect(events.map((e) => [e.payload.name, e.payload.spanId, e.tenant, e.projectId])).toEqual([
      ['frame-1', spanIds[0], 'tenant-a', 'series-s01'],
      ['frame-2', spanIds[2], 'tenant-a', 'series-s01'],
    ]);
    // 1_700_000_060_000 ms − 1_700_000_000_000 ms = 60 s
    expect(events[0].payload.durationS).toBe(60);
    const dlq = publisher.records
      .filter((r) => r.topic === TOPICS.activitiesDlq)
      .map((r) => r.value as RejectedSpan);
    expect(dlq).toEqual([
      expect.objectContaining({
        tenant: 'tenant-a',
        spanId: spanIds[1],
        name: 'broken',
        field: 'greenops.activity.kind',
        reason: 'required attribute is missing',
      }),
    ]);
  }

  it('OTLP/HTTP protobuf (gzip) exporter: batch-mates accepted, malformed span rejected with its reason', async () => {
    const result = await exportWithProtoExporterInChild({
      url: httpUrl,
      headers: { 'x-api-key': KEY },
      compression: 'gzip',
      resource: { 'service.name': 'renderfarm', 'greenops.project.id': 'series-s01' },
      spans: [
        {
          name: 'frame-1',
          startMs: 1_700_000_000_000,
          endMs: 1_700_000_060_000,
          attributes: { 'greenops.activity.kind': 'render', 'greenops.energy.kwh': 0.2 },
        },
        { name: 'broken', startMs: 1_700_000_000_000, endMs: 1_700_000_060_000, attributes: {} },
        {
          name: 'frame-2',
          startMs: 1_700_000_000_000,
          endMs: 1_700_000_060_000,
          attributes: { 'greenops.activity.kind': 'render', 'greenops.energy.kwh': 0.2 },
        },
      ],
    });
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expectTwoAcceptedOneRejected(result.spans.map((s) => s.spanId));
    expect(publisher.batches).toHaveLength(1);
    const partial = result.warnings.find((w) => w.includes('Received Partial Success response'));
    expect(partial).toContain(
      `span ${result.spans[1].spanId} (name \\"broken\\"): greenops.activity.kind: required attribute is missing`,
    );
  });

  it('OTLP/gRPC exporter (gzip) with the key in metadata: same outcome', async () => {
    const spans = renderSpans();
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${KEY}`);
    const exporter = new GrpcTraceExporter({
      url: `http://127.0.0.1:${grpcServer.port}`,
      metadata,
      compression: CompressionAlgorithm.GZIP,
    });
    const result = await exportWith(exporter, spans);
    await exporter.shutdown();
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expectTwoAcceptedOneRejected(spans.map((s) => s.spanContext().spanId));
    expect(warnings.find((w) => w.includes('Received Partial Success response'))).toContain(
      'greenops.activity.kind: required attribute is missing',
    );
  });

  it('OTLP/gRPC exporter without a key fails UNAUTHENTICATED and publishes nothing', async () => {
    const exporter = new GrpcTraceExporter({ url: `http://127.0.0.1:${grpcServer.port}` });
    const result = await exportWith(exporter, renderSpans());
    await exporter.shutdown();
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(String(result.error)).toMatch(/UNAUTHENTICATED|16/);
    expect(publisher.records).toHaveLength(0);
  });

  it('OTLP/HTTP protobuf exporter with a key lacking the ingest role: 403, nothing published', async () => {
    const result = await exportWithProtoExporterInChild({
      url: httpUrl,
      headers: { 'x-api-key': READ_ONLY_KEY },
      resource: { 'greenops.project.id': 'series-s01' },
      spans: [
        {
          name: 'frame-1',
          startMs: 1_700_000_000_000,
          endMs: 1_700_000_060_000,
          attributes: { 'greenops.activity.kind': 'render', 'greenops.energy.kwh': 0.2 },
        },
      ],
    });
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error).toMatch(/403|Forbidden/);
    expect(publisher.records).toHaveLength(0);
  });

  it('OTLP/gRPC exporter with a key lacking the ingest role fails PERMISSION_DENIED', async () => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${READ_ONLY_KEY}`);
    const exporter = new GrpcTraceExporter({
      url: `http://127.0.0.1:${grpcServer.port}`,
      metadata,
    });
    const result = await exportWith(exporter, renderSpans());
    await exporter.shutdown();
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect((result.error as { code?: number } | undefined)?.code).toBe(
      grpc.status.PERMISSION_DENIED,
    );
    expect(publisher.records).toHaveLength(0);
  });

  it('OTLP/JSON answers in JSON with partialSuccess; gzip accepted', async () => {
    const spans = renderSpans();
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${KEY}`,
      },
      body: gzipSync(jsonBody(spans)),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      partialSuccess: {
        rejectedSpans: 1,
        errorMessage: `span ${spans[1].spanContext().spanId} (name "broken"): greenops.activity.kind: required attribute is missing`,
      },
    });
    expectTwoAcceptedOneRejected(spans.map((s) => s.spanContext().spanId));
  });

  it('protobuf request gets a protobuf ExportTraceServiceResponse; fully accepted → no partialSuccess', async () => {
    const spans = renderSpans().filter((s) => s.name !== 'broken');
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'x-api-key': KEY },
      body: Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    const decoded = ProtobufTraceSerializer.deserializeResponse(
      new Uint8Array(await response.arrayBuffer()),
    );
    expect(decoded.partialSuccess).toBeNull(); // field absent from the response message
    // both spans are of series-s01: one record carrying the two activities
    expect(publisher.records).toHaveLength(1);
    expect((publisher.records[0].value as ActivitiesRecorded).payload.activities).toHaveLength(2);
  });

  it('answers liveness and readiness probes without a key', async () => {
    const live = await fetch(httpUrl.replace('/v1/traces', '/livez'));
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive' });
    // No readiness checks given to this app: ready. /healthz is /readyz.
    for (const path of ['/readyz', '/healthz']) {
      const response = await fetch(httpUrl.replace('/v1/traces', path));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', checks: [] });
    }
  });

  it.each([
    ['no key', {}],
    ['an unknown key', { 'x-api-key': 'nope' }],
    ['a non-bearer authorization', { authorization: `Basic ${KEY}` }],
  ])('401 with %s', async (_label, headers: Record<string, string>) => {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: jsonBody(renderSpans()),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await rpcStatus(response)).code).toBe(grpc.status.UNAUTHENTICATED);
    expect(publisher.records).toHaveLength(0);
  });

  it.each([
    ['JSON', 'application/json'],
    ['protobuf', 'application/x-protobuf'],
  ])(
    '403 PERMISSION_DENIED (%s) for a valid key without the ingest role',
    async (_label, contentType) => {
      const spans = renderSpans();
      const body =
        contentType === 'application/json'
          ? jsonBody(spans)
          : Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
      const response = await fetch(httpUrl, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${READ_ONLY_KEY}` },
        body,
      });
      expect(response.status).toBe(403);
      const status =
        contentType === 'application/json'
          ? await rpcStatus(response)
          : (otlpProtobufTypes().rpcStatus.toObject(
              otlpProtobufTypes().rpcStatus.decode(new Uint8Array(await response.arrayBuffer())),
            ) as { code: number; message: string });
      expect(status).toEqual({
        code: grpc.status.PERMISSION_DENIED,
        message: "this API key lacks the 'ingest' role",
      });
      expect(publisher.records).toHaveLength(0);
    },
  );

  it('413 when the body is over the limit', async () => {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: Buffer.alloc(MAX_REQUEST_BYTES + 1, 0x20),
    });
    expect(response.status).toBe(413);
    expect((await rpcStatus(response)).message).toBe(
      `request body exceeds the limit of ${MAX_REQUEST_BYTES} bytes`,
    );
  });

  it('413 for a gzip bomb: small on the wire, over the limit once inflated', async () => {
    // 16 MiB of spaces gzip to ≈ 16 KiB, under the 64 KiB limit; inflated they are 256 × over it.
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(MAX_REQUEST_BYTES);
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-api-key': KEY },
      body: bomb,
    });
    expect(response.status).toBe(413);
  });

  it('503 with Retry-After when the event log is down, and nothing is published', async () => {
    publisher.available = false;
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: jsonBody(renderSpans()),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await rpcStatus(response)).code).toBe(grpc.status.UNAVAILABLE);
    expect(publisher.records).toHaveLength(0);
  });

  it('415 for an unsupported content type or encoding; 400 for a malformed body', async () => {
    const post = (headers: Record<string, string>, body: Uint8Array | string) =>
      fetch(httpUrl, { method: 'POST', headers: { 'x-api-key': KEY, ...headers }, body });
    expect((await post({ 'content-type': 'text/plain' }, 'hello')).status).toBe(415);
    expect(
      (await post({ 'content-type': 'application/json', 'content-encoding': 'br' }, '{}')).status,
    ).toBe(415);
    const badProto = await post(
      { 'content-type': 'application/x-protobuf' },
      Uint8Array.from([0x0a, 100, 1]),
    );
    expect(badProto.status).toBe(400);
    expect(badProto.headers.get('content-type')).toBe('application/x-protobuf');
    const badJson = await post({ 'content-type': 'application/json' }, '{"resourceSpans": 5}');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      code: grpc.status.INVALID_ARGUMENT,
      message: 'resourceSpans: must be an array',
    });
  });

  describe('gRPC status codes (raw client)', () => {
    type ExportClient = grpc.Client & {
      Export(
        req: unknown,
        md: grpc.Metadata,
        cb: (err: grpc.ServiceError | null, res?: unknown) => void,
      ): void;
    };
    let client: ExportClient;

    beforeAll(() => {
      const definition = protoLoader.loadSync(TRACE_SERVICE_PROTO, {
        includeDirs: [otlpProtoRoot()],
      });
      const ServiceClient = grpc.loadPackageDefinition(definition)[
        'opentelemetry'
      ] as grpc.GrpcObject;
      const ctor = ((ServiceClient['proto'] as grpc.GrpcObject)['collector'] as grpc.GrpcObject)[
        'trace'
      ] as grpc.GrpcObject;
      const TraceService = (ctor['v1'] as grpc.GrpcObject)[
        'TraceService'
      ] as grpc.ServiceClientConstructor;
      client = new TraceService(`127.0.0.1:${grpcServer.port}`, grpc.credentials.createInsecure(), {
        'grpc.max_send_message_length': -1,
      }) as unknown as ExportClient;
    });

    afterAll(() => client.close());

    function call(
      request: unknown,
      key?: string,
    ): Promise<{ error: grpc.ServiceError | null; response?: unknown }> {
      const md = new grpc.Metadata();
      if (key) md.set('x-api-key', key);
      return new Promise((resolve) =>
        client.Export(request, md, (error, response) => resolve({ error, response })),
      );
    }

    const oneSpan = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'greenops.project.id', value: { stringValue: 'p1' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from('4bf92f3577b34da6a3ce929d0e0e4736', 'hex'),
                  spanId: Buffer.from('00f067aa0ba902b7', 'hex'),
                  name: 'render',
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000001000000000',
                  attributes: [
                    { key: 'greenops.activity.kind', value: { stringValue: 'render' } },
                    { key: 'greenops.energy.kwh', value: { doubleValue: 0.2 } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };

    it('UNAVAILABLE when the event log is down', async () => {
      publisher.available = false;
      const { error } = await call(oneSpan, KEY);
      expect(error?.code).toBe(grpc.status.UNAVAILABLE);
      expect(publisher.records).toHaveLength(0);
    });

    it('UNAUTHENTICATED with a wrong key', async () => {
      expect((await call(oneSpan, 'wrong')).error?.code).toBe(grpc.status.UNAUTHENTICATED);
    });

    it('PERMISSION_DENIED with a valid key that lacks the ingest role', async () => {
      const { error } = await call(oneSpan, READ_ONLY_KEY);
      expect(error?.code).toBe(grpc.status.PERMISSION_DENIED);
      expect(error?.details).toBe("this API key lacks the 'ingest' role");
      expect(publisher.records).toHaveLength(0);
    });

    it('INVALID_ARGUMENT, naming the problem, for bytes that are not an ExportTraceServiceRequest', async () => {
      // Field 1 (resource_spans), length-delimited, declares 100 bytes and carries 1.
      const garbage = Buffer.from([0x0a, 100, 1]);
      const md = new grpc.Metadata();
      md.set('x-api-key', KEY);
      const error = await new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest(
          '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
          (bytes: Buffer) => bytes,
          (bytes: Buffer) => bytes,
          garbage,
          md,
          (err) => resolve(err),
        ),
      );
      expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error?.details).toMatch(/^malformed protobuf ExportTraceServiceRequest: /);
      expect(publisher.records).toHaveLength(0);
    });

    it('RESOURCE_EXHAUSTED over the max receive size', async () => {
      const big = {
        resourceSpans: [
          {
            resource: {
              attributes: [{ key: 'x', value: { stringValue: 'y'.repeat(MAX_REQUEST_BYTES) } }],
            },
          },
        ],
      };
      expect((await call(big, KEY)).error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    });

    it('accepts a valid span and answers without partialSuccess', async () => {
      const { error, response } = await call(oneSpan, KEY);
      expect(error).toBeNull();
      expect(response).toEqual({});
      expect(publisher.records).toHaveLength(1);
    });
  });
});
