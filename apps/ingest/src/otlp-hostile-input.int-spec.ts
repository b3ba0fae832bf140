import * as grpc from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import {
  recordedActivities,
  TOPICS,
  type ActivitiesRecorded,
  type ActivityRecorded,
  type RejectedSpan,
} from '@greenops/contracts';
import { ACTIVITY_KINDS } from '@greenops/domain';
import { EmbeddedEventLogPublisher } from '@greenops/messaging';
import {
  ApiKeyStore,
  EventLogTable,
  openPostgres,
  type DatabaseHandle,
} from '@greenops/persistence';
import { ATTR } from '@greenops/semconv';
import { createTestDatabase, type TestDatabase } from '@greenops/testing';
import { OtlpDecodeError } from './ingest-errors';
import { createIngestHttpApp } from './ingest.module';
import { IngestService } from './ingest.service';
import { decodeJsonTraceRequest, decodeProtobufTraceRequest } from './otlp-decoder';
import { startOtlpGrpcServer, type OtlpGrpcServer } from './otlp-grpc.server';
import { otlpProtobufTypes } from './otlp-protobuf-types';

/**
 * Hostile input against the real receivers writing to a real event log: the embedded mode's
 * event_log table (jsonb) on the PostgreSQL 15 test server, which refuses what a careless
 * receiver would pass on (U+0000, lone surrogates). Nothing here is mocked.
 */
const KEY = 'hostile-input-ingest-key-0123';
const TENANT = 'hostile';
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
const EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

describe('OTLP receivers on a real event log: hostile input', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let grpcServer: OtlpGrpcServer;
  let grpcClient: grpc.Client;
  let httpUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('ingest_hostile');
    db = await openPostgres(database.url, { poolSize: 2 });
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(TENANT);
    await keys.addKey(TENANT, KEY, ['ingest']);
    const publisher = new EmbeddedEventLogPublisher(new EventLogTable(db));
    app = await createIngestHttpApp({
      publisher,
      apiKeys: keys,
      maxRequestBytes: MAX_REQUEST_BYTES,
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    httpUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/v1/traces`;
    grpcServer = await startOtlpGrpcServer({
      host: '127.0.0.1',
      port: 0,
      ingest: app.get(IngestService),
      apiKeys: keys,
      maxRequestBytes: MAX_REQUEST_BYTES,
    });
    grpcClient = new grpc.Client(`127.0.0.1:${grpcServer.port}`, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    grpcClient?.close();
    await grpcServer?.close();
    await app?.close();
    await db?.close();
    await database?.drop();
  });

  /** The records of a topic after the first `skip`, oldest first. */
  /** The topic's events from the `skip`-th on, an ActivitiesRecorded record as its activities. */
  async function logged<T>(topic: string, skip = 0): Promise<T[]> {
    const rows: Array<{ value: T | ActivitiesRecorded }> = await db.dataSource.query(
      'select value from event_log where topic = $1 order by seq',
      [topic],
    );
    return rows
      .flatMap((r) =>
        (r.value as { type?: string }).type === 'ActivitiesRecorded'
          ? (recordedActivities(r.value as ActivitiesRecorded) as T[])
          : [r.value as T],
      )
      .slice(skip);
  }

  async function logSizes(): Promise<{ activities: number; rejected: number }> {
    const rows: Array<{ topic: string; n: string }> = await db.dataSource.query(
      `select topic,
              sum(case when value->>'type' = 'ActivitiesRecorded'
                       then jsonb_array_length(value->'payload'->'activities') else 1 end)::text as n
         from event_log group by topic`,
    );
    const count = (topic: string) => Number(rows.find((r) => r.topic === topic)?.n ?? 0);
    return { activities: count(TOPICS.activities), rejected: count(TOPICS.activitiesDlq) };
  }

  interface HttpAnswer {
    status: number;
    body: {
      partialSuccess?: { rejectedSpans?: number; errorMessage?: string };
      code?: number;
      message?: string;
    };
  }

  async function postJson(body: string | Buffer): Promise<HttpAnswer> {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  async function postProtobuf(
    body: Uint8Array,
  ): Promise<{ status: number; rejectedSpans: number; message: string }> {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'x-api-key': KEY },
      body,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { exportResponse, rpcStatus } = otlpProtobufTypes();
    if (response.status === 200) {
      const decoded = exportResponse.toObject(exportResponse.decode(bytes), { longs: Number }) as {
        partialSuccess?: { rejectedSpans?: number; errorMessage?: string };
      };
      return {
        status: 200,
        rejectedSpans: decoded.partialSuccess?.rejectedSpans ?? 0,
        message: decoded.partialSuccess?.errorMessage ?? '',
      };
    }
    const status = rpcStatus.toObject(rpcStatus.decode(bytes)) as { message?: string };
    return { status: response.status, rejectedSpans: 0, message: status.message ?? '' };
  }

  function exportOverGrpc(
    body: Buffer,
  ): Promise<{ error: grpc.ServiceError | null; rejectedSpans: number }> {
    const md = new grpc.Metadata();
    md.set('authorization', `Bearer ${KEY}`);
    return new Promise((resolve) =>
      grpcClient.makeUnaryRequest(
        EXPORT_PATH,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        body,
        md,
        (error, response) => {
          if (error || !response) return resolve({ error, rejectedSpans: 0 });
          const { exportResponse } = otlpProtobufTypes();
          const decoded = exportResponse.toObject(exportResponse.decode(response), {
            longs: Number,
          }) as { partialSuccess?: { rejectedSpans?: number } };
          resolve({ error: null, rejectedSpans: decoded.partialSuccess?.rejectedSpans ?? 0 });
        },
      ),
    );
  }

  const NOW_NS = () => BigInt(Date.now()) * 1_000_000n;

  function jsonSpan(
    spanId: string,
    name: string,
    attributes: Record<string, string | number>,
  ): Record<string, unknown> {
    const start = NOW_NS() - 3_600_000_000_000n;
    return {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId,
      name,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + 60_000_000_000n),
      attributes: Object.entries(attributes).map(([key, value]) => ({
        key,
        value: typeof value === 'string' ? { stringValue: value } : { doubleValue: value },
      })),
    };
  }

  function jsonRequest(projectId: string | null, spans: Array<Record<string, unknown>>): string {
    const resource = projectId
      ? { attributes: [{ key: ATTR.projectId, value: { stringValue: projectId } }] }
      : {};
    return JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ spans }] }] });
  }

  const RENDER = { [ATTR.activityKind]: 'render', [ATTR.energyKwh]: 0.5 };

  describe('values the database cannot store poison nothing', () => {
    it('a span name with U+0000 and a lone surrogate is stored with U+FFFD; its batch-mate lands too', async () => {
      const before = await logSizes();
      // JSON text, so the escapes reach the receiver as the characters themselves
      const body = jsonRequest('hostile-p1', [
        jsonSpan('00f067aa0ba90001', 'shot\u0000 42\ud800', RENDER),
        jsonSpan('00f067aa0ba90002', 'clean', RENDER),
      ]);
      const answer = await postJson(body);
      expect(answer).toEqual({ status: 200, body: {} });
      const after = await logSizes();
      expect(after.activities - before.activities).toBe(2);
      const names = (await logged<ActivityRecorded>(TOPICS.activities, before.activities)).map(
        (e) => e.payload.name,
      );
      expect(names).toEqual(['shot\ufffd 42\ufffd', 'clean']);
    });

    it('an artifact id with a lone surrogate is rejected with its reason; the batch-mate lands', async () => {
      const before = await logSizes();
      const body = jsonRequest('hostile-p1', [
        jsonSpan('00f067aa0ba90003', 'bad id', { ...RENDER, [ATTR.artifactId]: 'sh\udc00' }),
        jsonSpan('00f067aa0ba90004', 'good', RENDER),
      ]);
      const answer = await postJson(body);
      expect(answer.status).toBe(200);
      expect(answer.body.partialSuccess).toEqual({
        rejectedSpans: 1,
        errorMessage:
          'span 00f067aa0ba90003 (name "bad id"): greenops.artifact.id: must be valid Unicode text, got a lone surrogate',
      });
      const after = await logSizes();
      expect(after).toEqual({
        activities: before.activities + 1,
        rejected: before.rejected + 1,
      });
    });

    it('1e306 kWh is rejected with its range over HTTP and gRPC; the batch-mate lands', async () => {
      for (const transport of ['http', 'grpc'] as const) {
        const before = await logSizes();
        const request = JSON.parse(
          jsonRequest('hostile-p2', [
            jsonSpan('00f067aa0ba90011', 'huge', { ...RENDER, [ATTR.energyKwh]: 1e306 }),
            jsonSpan('00f067aa0ba90012', 'fine', RENDER),
          ]),
        ) as {
          resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<Record<string, unknown>> }> }>;
        };
        let rejectedSpans: number;
        if (transport === 'http') {
          const answer = await postJson(JSON.stringify(request));
          expect(answer.status).toBe(200);
          expect(answer.body.partialSuccess?.errorMessage).toBe(
            'span 00f067aa0ba90011 (name "huge"): greenops.energy.kwh: must be a finite number from 0 to 10,000,000, got 1e+306',
          );
          rejectedSpans = answer.body.partialSuccess?.rejectedSpans ?? 0;
        } else {
          for (const s of request.resourceSpans[0].scopeSpans[0].spans) {
            s['traceId'] = Buffer.from(s['traceId'] as string, 'hex');
            s['spanId'] = Buffer.from(s['spanId'] as string, 'hex');
          }
          const { exportRequest } = otlpProtobufTypes();
          const body = Buffer.from(
            exportRequest.encode(exportRequest.fromObject(request)).finish(),
          );
          const answer = await exportOverGrpc(body);
          expect(answer.error).toBeNull();
          rejectedSpans = answer.rejectedSpans;
        }
        expect(rejectedSpans).toBe(1);
        expect(await logSizes()).toEqual({
          activities: before.activities + 1,
          rejected: before.rejected + 1,
        });
      }
    });

    it('a 3.9 MiB span name on a rejected span is stored as 256 characters', async () => {
      const before = await logSizes();
      // no greenops.project.id anywhere: rejected, and kept on the dead-letter topic
      const name = 'n'.repeat(Math.floor(3.9 * 1024 * 1024));
      const answer = await postJson(
        jsonRequest(null, [jsonSpan('00f067aa0ba90005', name, RENDER)]),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.partialSuccess?.rejectedSpans).toBe(1);
      const after = await logSizes();
      expect(after.rejected - before.rejected).toBe(1);
      const [record] = await logged<RejectedSpan>(TOPICS.activitiesDlq, before.rejected);
      // 255 characters + "…"
      expect(record.name).toBe(`${'n'.repeat(255)}…`);
      expect(record.field).toBe(ATTR.projectId);
      const [{ bytes }]: Array<{ bytes: number }> = await db.dataSource.query(
        `select octet_length(value::text) as bytes from event_log
          where topic = $1 order by seq desc limit 1`,
        [TOPICS.activitiesDlq],
      );
      expect(bytes).toBeLessThan(1024);
    });
  });

  describe('fuzz (fast-check): no 5xx, every span accounted for, every rejection with a reason', () => {
    // Values a careless or hostile client might send: every type, edge numbers, odd strings.
    const oddString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('', ' ', '1e308', '-1', 'NaN', 'Infinity', '0x10', '1.5', '\u0000', '\ud800'),
      fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)),
    );
    const scalar = fc.oneof(
      oddString.map((s) => ({ stringValue: s })),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => ({ intValue: String(n) })),
      fc
        .oneof(
          fc.double(),
          fc.constantFrom(1e306, 1e308, -1e308, 5e-324, -0, 40_075, 40_076, 1e7, 1e7 + 1),
        )
        .map((d) => ({ doubleValue: Number.isFinite(d) ? d : String(d) })),
      fc.boolean().map((b) => ({ boolValue: b })),
    );
    // Arrays nested up to 8 deep; kvlist values as well.
    const { anyValue } = fc.letrec<{ anyValue: Record<string, unknown> }>((tie) => ({
      anyValue: fc.oneof(
        { depthSize: 'small', maxDepth: 8 },
        scalar,
        fc.array(tie('anyValue'), { maxLength: 3 }).map((values) => ({ arrayValue: { values } })),
        fc
          .array(fc.record({ key: fc.string({ maxLength: 8 }), value: tie('anyValue') }), {
            maxLength: 2,
          })
          .map((values) => ({ kvlistValue: { values } })),
      ),
    }));
    const unknownKey = fc.string({ unit: 'binary', maxLength: 20 }).map((k) => `x.${k}`);
    const attributes = fc.oneof(
      // attributes GreenOps ignores, with any values: the span stays valid
      {
        weight: 3,
        arbitrary: fc.array(fc.record({ key: unknownKey, value: anyValue }), { maxLength: 6 }),
      },
      // GreenOps attributes with any values: mostly rejections naming the attribute
      {
        weight: 2,
        arbitrary: fc.array(
          fc.record({ key: fc.constantFrom(...Object.values(ATTR)), value: anyValue }),
          { minLength: 1, maxLength: 6 },
        ),
      },
      // over the per-span attribute limit
      {
        weight: 1,
        arbitrary: fc.constant(
          Array.from({ length: 130 }, (_, i) => ({ key: `k${i}`, value: { intValue: String(i) } })),
        ),
      },
    );
    // A kind and measured energy: enough for these kinds to be quantified; the others then
    // lack what their model needs and are rejected for it.
    const plausible = fc.record({
      kind: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('render', 'workstation', 'onset.energy') },
        { weight: 1, arbitrary: fc.constantFrom(...ACTIVITY_KINDS) },
      ),
      energyKwh: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    const hex = (bytes: number) =>
      fc
        .uint8Array({ minLength: bytes, maxLength: bytes })
        .map((b) => Buffer.from(b).toString('hex'));
    const id = (bytes: number) =>
      fc.oneof(
        { weight: 10, arbitrary: hex(bytes) },
        { weight: 1, arbitrary: fc.constantFrom('', '0'.repeat(bytes * 2), 'zz') },
        { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
      );
    const hourNs = 3_600_000_000_000n;
    const time = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.bigInt({ min: -48n * hourNs, max: 30n * hourNs }).map((d) => NOW_NS() + d),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(0n, 1n, 946_684_799_999_999_999n, 2n ** 63n, 2n ** 64n - 1n),
      },
    );
    const span = fc.record({
      traceId: id(16),
      spanId: id(8),
      name: oddString,
      start: time,
      length: fc.oneof(
        { weight: 8, arbitrary: fc.constant(60_000_000_000n) },
        { weight: 1, arbitrary: fc.bigInt({ min: -1n, max: 400n * 24n * hourNs }) },
      ),
      plausible,
      attributes,
    });
    const request = fc.record({
      resourceProject: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('fuzz-p1', 'fuzz-p2') },
        { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'bad project!', 'p'.repeat(201)) },
      ),
      spans: fc.array(span, { minLength: 0, maxLength: 6 }),
    });

    type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

    /** The request as plain OTLP data; ids as hex (OTLP/JSON) or bytes (protobuf). */
    function otlpObject(r: FuzzRequest, ids: 'hex' | 'bytes'): Record<string, unknown> {
      const asId = (value: string) =>
        ids === 'hex'
          ? value
          : /^([0-9a-f]{2})*$/.test(value)
            ? Buffer.from(value, 'hex')
            : Buffer.from(value);
      const end = (s: FuzzRequest['spans'][number]) => {
        const e = s.start + s.length;
        return e < 0n ? 0n : e > 2n ** 64n - 1n ? 2n ** 64n - 1n : e;
      };
      return {
        resourceSpans: [
          {
            resource: {
              attributes:
                r.resourceProject === undefined
                  ? []
                  : [{ key: ATTR.projectId, value: { stringValue: r.resourceProject } }],
            },
            scopeSpans: [
              {
                spans: r.spans.map((s) => ({
                  traceId: asId(s.traceId),
                  spanId: asId(s.spanId),
                  name: s.name,
                  startTimeUnixNano: String(s.start),
                  endTimeUnixNano: String(end(s)),
                  attributes: [
                    { key: ATTR.activityKind, value: { stringValue: s.plausible.kind } },
                    { key: ATTR.energyKwh, value: { doubleValue: s.plausible.energyKwh } },
                    ...s.attributes,
                  ],
                })),
              },
            ],
          },
        ],
      };
    }

    function protobufBody(r: FuzzRequest): Uint8Array {
      const { exportRequest } = otlpProtobufTypes();
      return exportRequest.encode(exportRequest.fromObject(otlpObject(r, 'bytes'))).finish();
    }

    // Byte-level mutations of an encoded request: flip, insert, delete.
    const mutations = fc.array(
      fc.record({
        op: fc.constantFrom('flip', 'insert', 'delete'),
        at: fc.nat(),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      { minLength: 1, maxLength: 4 },
    );
    function mutate(bytes: Uint8Array, ops: Array<{ op: string; at: number; byte: number }>) {
      const out = Array.from(bytes);
      for (const { op, at, byte } of ops) {
        const i = out.length === 0 ? 0 : at % (out.length + (op === 'insert' ? 1 : 0));
        if (op === 'flip' && out.length > 0) out[i] ^= byte || 1;
        else if (op === 'insert') out.splice(i, 0, byte);
        else if (op === 'delete' && out.length > 0) out.splice(i, 1);
      }
      return Buffer.from(out);
    }

    /** Spans a body holds, by the receivers' own decoder; undefined when it does not decode. */
    function decodedSpanCount(decode: () => Array<{ spans: unknown[] }>): number | undefined {
      try {
        return decode().reduce((n, rs) => n + rs.spans.length, 0);
      } catch (error) {
        if (error instanceof OtlpDecodeError) return undefined;
        throw error;
      }
    }

    /**
     * The property every answer must have: a body that decodes gets 200 with one outcome per
     * span, and exactly its rejected spans appended to the dead-letter topic, each with a field
     * and a reason; a body that does not is a 400, and nothing is written.
     */
    async function expectAccounted(
      spanCount: number | undefined,
      send: () => Promise<{ status: number; rejectedSpans: number }>,
    ): Promise<void> {
      const before = await logSizes();
      const answer = await send();
      const after = await logSizes();
      const newRejections = await logged<RejectedSpan>(TOPICS.activitiesDlq, before.rejected);
      if (spanCount === undefined) {
        expect(answer.status).toBe(400);
        expect(after).toEqual(before);
        return;
      }
      expect(answer.status).toBe(200);
      expect(answer.rejectedSpans).toBe(after.rejected - before.rejected);
      const accepted = spanCount - answer.rejectedSpans;
      expect(accepted).toBeGreaterThanOrEqual(0);
      // A span repeated within one request is published once.
      const appended = after.activities - before.activities;
      expect(appended).toBeLessThanOrEqual(accepted);
      expect(appended > 0).toBe(accepted > 0);
      for (const r of newRejections) {
        expect(r.field.length).toBeGreaterThan(0);
        expect(r.reason.length).toBeGreaterThan(0);
        expect(JSON.stringify(r).length).toBeLessThan(2048);
      }
    }

    it('OTLP/JSON requests built from random spans', async () => {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const body = JSON.stringify(otlpObject(r, 'hex'));
          await expectAccounted(
            decodedSpanCount(() => decodeJsonTraceRequest(body)),
            async () => {
              const answer = await postJson(body);
              return {
                status: answer.status,
                rejectedSpans: answer.body.partialSuccess?.rejectedSpans ?? 0,
              };
            },
          );
        }),
        { numRuns: 60 },
      );
    });

    it('OTLP/JSON requests with characters flipped, inserted or deleted', async () => {
      await fc.assert(
        fc.asyncProperty(request, mutations, async (r, ops) => {
          const body = mutate(Buffer.from(JSON.stringify(otlpObject(r, 'hex'))), ops);
          await expectAccounted(
            decodedSpanCount(() => decodeJsonTraceRequest(body)),
            async () => {
              const answer = await postJson(body);
              return {
                status: answer.status,
                rejectedSpans: answer.body.partialSuccess?.rejectedSpans ?? 0,
              };
            },
          );
        }),
        { numRuns: 60 },
      );
    });

    it('OTLP/HTTP protobuf requests, intact and with bytes flipped, inserted or deleted', async () => {
      await fc.assert(
        fc.asyncProperty(request, fc.option(mutations, { nil: undefined }), async (r, ops) => {
          const encoded = protobufBody(r);
          const body = ops ? mutate(encoded, ops) : Buffer.from(encoded);
          await expectAccounted(
            decodedSpanCount(() => decodeProtobufTraceRequest(body)),
            () => postProtobuf(body),
          );
        }),
        { numRuns: 80 },
      );
    });

    it('OTLP/gRPC requests, intact and mutated: OK or INVALID_ARGUMENT, never INTERNAL', async () => {
      await fc.assert(
        fc.asyncProperty(request, fc.option(mutations, { nil: undefined }), async (r, ops) => {
          const encoded = protobufBody(r);
          const body = ops ? mutate(encoded, ops) : Buffer.from(encoded);
          await expectAccounted(
            decodedSpanCount(() => decodeProtobufTraceRequest(body)),
            async () => {
              const { error, rejectedSpans } = await exportOverGrpc(body);
              if (error) expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
              return { status: error ? 400 : 200, rejectedSpans };
            },
          );
        }),
        { numRuns: 40 },
      );
    });
  });
});
