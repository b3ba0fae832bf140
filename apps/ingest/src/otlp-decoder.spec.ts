import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import * as protobuf from 'protobufjs';
import { OtlpDecodeError } from './ingest-errors';
import {
  decodeJsonTraceRequest,
  decodeProtobufTraceRequest,
  resourceSpansFromObject,
  type DecodedResourceSpans,
} from './otlp-decoder';
import { otlpProtobufTypes } from './otlp-protobuf-types';

// 1_700_000_000_123 ms → 1_700_000_000_123_000_000 ns; + 2_500 ms = 1_700_000_002_623 ms
const START_MS = 1_700_000_000_123;
const END_MS = START_MS + 2_500;

/** Real SDK spans, as an application would produce them. */
function sdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'renderfarm',
      'greenops.project.id': 'series-s01',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('decoder-test');
  const render = tracer.startSpan('render', {
    startTime: START_MS,
    attributes: {
      'greenops.activity.kind': 'render',
      'greenops.hw.count': 8,
      'greenops.hw.power_w': 412.5,
      'greenops.hw.utilization': '0.9',
      'greenops.flag': true,
      'greenops.tags': ['a', 'b'],
      'greenops.sizes': [1, 2.5],
    },
  });
  render.end(END_MS);
  const upload = tracer.startSpan('upload', {
    startTime: START_MS,
    attributes: { 'greenops.transfer.bytes': 1e9 },
  });
  upload.end(END_MS);
  return exporter.getFinishedSpans();
}

function expectDecoded(decoded: DecodedResourceSpans[], spans: ReadableSpan[]): void {
  expect(decoded).toHaveLength(1);
  expect(decoded[0].resourceAttributes).toMatchObject({
    'service.name': 'renderfarm',
    'greenops.project.id': 'series-s01',
  });
  expect(decoded[0].spans).toEqual([
    {
      traceId: spans[0].spanContext().traceId,
      spanId: spans[0].spanContext().spanId,
      name: 'render',
      startTimeUnixNano: 1_700_000_000_123_000_000n,
      endTimeUnixNano: 1_700_000_002_623_000_000n,
      attributes: {
        'greenops.activity.kind': 'render',
        'greenops.hw.count': 8,
        'greenops.hw.power_w': 412.5,
        'greenops.hw.utilization': '0.9',
        'greenops.flag': true,
        'greenops.tags': ['a', 'b'],
        'greenops.sizes': [1, 2.5],
      },
    },
    {
      traceId: spans[1].spanContext().traceId,
      spanId: spans[1].spanContext().spanId,
      name: 'upload',
      startTimeUnixNano: 1_700_000_000_123_000_000n,
      endTimeUnixNano: 1_700_000_002_623_000_000n,
      attributes: { 'greenops.transfer.bytes': 1e9 },
    },
  ]);
}

describe('OTLP decoder, fed by the OpenTelemetry JS serializers', () => {
  it('decodes protobuf from ProtobufTraceSerializer (ids bytes → hex, fixed64 → bigint)', () => {
    const spans = sdkSpans();
    const body = ProtobufTraceSerializer.serializeRequest(spans)!;
    expectDecoded(decodeProtobufTraceRequest(body), spans);
  });

  it('decodes OTLP/JSON from JsonTraceSerializer (hex ids, int64 as strings)', () => {
    const spans = sdkSpans();
    const body = JsonTraceSerializer.serializeRequest(spans)!;
    expectDecoded(decodeJsonTraceRequest(body), spans);
  });
});

describe('OTLP/JSON variants', () => {
  it('accepts int64 as numbers, enums by name, snake_case keys, quoted doubles; drops kvlist and bytes values', () => {
    const body = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'greenops.project.id', value: { stringValue: 'p1' } }] },
          scope_spans: [
            {
              spans: [
                {
                  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
                  span_id: '00f067aa0ba902b7',
                  name: 'render',
                  kind: 'SPAN_KIND_INTERNAL',
                  start_time_unix_nano: 1_700_000_000_000_000_000,
                  endTimeUnixNano: '1700000060000000000',
                  status: { code: 'STATUS_CODE_OK' },
                  attributes: [
                    { key: 'greenops.hw.count', value: { intValue: '8' } },
                    { key: 'greenops.hw.power_w', value: { doubleValue: '350.5' } },
                    { key: 'greenops.nested', value: { kvlistValue: { values: [] } } },
                    { key: 'greenops.raw', value: { bytesValue: 'AAEC' } },
                    { key: 'greenops.empty', value: {} },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(decodeJsonTraceRequest(body)).toEqual([
      {
        resourceAttributes: { 'greenops.project.id': 'p1' },
        spans: [
          {
            traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
            spanId: '00f067aa0ba902b7',
            name: 'render',
            startTimeUnixNano: 1_700_000_000_000_000_000n,
            endTimeUnixNano: 1_700_000_060_000_000_000n,
            attributes: { 'greenops.hw.count': 8, 'greenops.hw.power_w': 350.5 },
          },
        ],
      },
    ]);
  });

  it('accepts the int64 extremes as decimal strings', () => {
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'min', value: { intValue: '-9223372036854775808' } },
              { key: 'max', value: { intValue: '9223372036854775807' } },
            ],
          },
        },
      ],
    });
    // as JS numbers: −2^63 exactly, and 2^63 − 1 rounded to the nearest double, 2^63
    expect(decodeJsonTraceRequest(body)[0].resourceAttributes).toEqual({
      min: -(2 ** 63),
      max: 2 ** 63,
    });
  });

  it('keeps a "__proto__" attribute key as plain data', () => {
    const body = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  name: 'x',
                  attributes: [{ key: '__proto__', value: { stringValue: 'polluted' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const attributes = decodeJsonTraceRequest(body)[0].spans[0].attributes;
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('polluted');
  });

  it('an empty request decodes to no spans', () => {
    expect(decodeJsonTraceRequest('{}')).toEqual([]);
    expect(decodeProtobufTraceRequest(new Uint8Array())).toEqual([]);
  });
});

describe('structurally invalid bodies are OtlpDecodeErrors with a readable path', () => {
  it.each<[string, string, string]>([
    ['not JSON', '{"resourceSpans": [', 'malformed JSON: '],
    ['a JSON array', '[]', 'request: must be an object'],
    ['resourceSpans not an array', '{"resourceSpans": 5}', 'resourceSpans: must be an array'],
    [
      'a span that is a string',
      '{"resourceSpans":[{"scopeSpans":[{"spans":["x"]}]}]}',
      'resourceSpans[0].scopeSpans[0].spans[0]: must be an object',
    ],
    [
      'a non-numeric time',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"soon"}]}]}]}',
      'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: must be an unsigned 64-bit integer',
    ],
    [
      // JSON numbers are doubles: 1e308 is "an integer" to JavaScript but far beyond int64
      'an intValue of 1e308',
      '{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"intValue":1e308}}]}}]}',
      'resourceSpans[0].resource.attributes[0].value.intValue: must be a 64-bit integer (decimal string or number), got 1e+308',
    ],
    [
      'an intValue string past 2^63 − 1',
      '{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"intValue":"9223372036854775808"}}]}}]}',
      'resourceSpans[0].resource.attributes[0].value.intValue: must be a 64-bit integer (decimal string or number), got "9223372036854775808"',
    ],
    [
      'a fractional intValue',
      '{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"intValue":1.5}}]}}]}',
      'resourceSpans[0].resource.attributes[0].value.intValue: must be a 64-bit integer (decimal string or number), got 1.5',
    ],
    [
      'a start time past 2^64 − 1',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":1e30}]}]}]}',
      'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: must be an unsigned 64-bit integer (decimal string or number), got 1e+30',
    ],
    [
      'a numeric trace id',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":12}]}]}]}',
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: must be a hex string',
    ],
    [
      'a stringValue that is a number',
      '{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":1}}]}}]}',
      'resourceSpans[0].resource.attributes[0].value.stringValue: must be a string',
    ],
  ])('%s', (_label, body, message) => {
    expect(() => decodeJsonTraceRequest(body)).toThrow(OtlpDecodeError);
    expect(() => decodeJsonTraceRequest(body)).toThrow(message);
  });

  it('garbage protobuf', () => {
    // field 1 (resource_spans), wire type 2, declared length 100 but only 2 bytes follow
    const body = Uint8Array.from([0x0a, 100, 1, 2]);
    expect(() => decodeProtobufTraceRequest(body)).toThrow(OtlpDecodeError);
    expect(() => decodeProtobufTraceRequest(body)).toThrow(
      /^malformed protobuf ExportTraceServiceRequest: /,
    );
  });
});

describe('protobuf: the decoded message walked as it is', () => {
  const { exportRequest } = otlpProtobufTypes();
  const anyValue = exportRequest.lookupType('opentelemetry.proto.common.v1.AnyValue');

  /** The walk of the message's toObject copy: how protobuf bodies were read before. */
  function viaToObject(body: Uint8Array): DecodedResourceSpans[] {
    return resourceSpansFromObject(
      exportRequest.toObject(exportRequest.decode(body), {
        longs: String,
        enums: Number,
        defaults: false,
      }),
    );
  }

  it('reads the same spans as the toObject copy', () => {
    // Both members of the AnyValue oneof on the wire (a sender's bug): the first the walk reads wins.
    const twoMembers = anyValue.create({ stringValue: 's' }) as unknown as Record<string, unknown>;
    // −2^63 as protobufjs decodes an int64: high word 0x80000000, low word 0, signed.
    twoMembers.intValue = new protobuf.util.Long(0, -0x80000000, false);
    const request = exportRequest.fromObject({
      resourceSpans: [
        { scopeSpans: [{ spans: [{}] }] },
        {
          resource: {
            attributes: [
              { key: 'greenops.project.id', value: { stringValue: 'p' } },
              { key: 'empty', value: {} },
              { key: '', value: { stringValue: 'no key' } },
            ],
          },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.alloc(16, 0xab),
                  spanId: Buffer.alloc(8, 0xcd),
                  name: '',
                  startTimeUnixNano: '18446744073709551615',
                  endTimeUnixNano: '0',
                  attributes: [
                    { key: 'i.max', value: { intValue: '9223372036854775807' } },
                    { key: 'i.neg', value: { intValue: '-42' } },
                    { key: 'i.zero', value: { intValue: '0' } },
                    { key: 'd.zero', value: { doubleValue: 0 } },
                    { key: 'd.nan', value: { doubleValue: Number.NaN } },
                    { key: 'b.false', value: { boolValue: false } },
                    { key: 's.empty', value: { stringValue: '' } },
                    { key: 'bytes', value: { bytesValue: Buffer.from([1]) } },
                    { key: 'kv', value: { kvlistValue: { values: [] } } },
                    {
                      key: 'arr',
                      value: {
                        arrayValue: {
                          values: [{ intValue: '7' }, {}, { arrayValue: {} }, { boolValue: true }],
                        },
                      },
                    },
                    { key: 'dup', value: { stringValue: 'first' } },
                    { key: 'dup', value: { stringValue: 'second' } },
                  ],
                  events: [{ name: 'e', attributes: [{ key: 'x', value: { intValue: '1' } }] }],
                },
              ],
            },
          ],
        },
      ],
    }) as unknown as {
      resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ attributes: unknown[] }> }> }>;
    };
    request.resourceSpans[1].scopeSpans[0].spans[0].attributes.push({
      key: 'two',
      value: twoMembers,
    });
    const body = exportRequest.encode(request as unknown as protobuf.Message).finish();

    const decoded = decodeProtobufTraceRequest(body);
    expect(decoded).toEqual(viaToObject(body));
    // What the toObject walk reads, worked out by hand from the request above.
    expect(decoded[0]).toEqual({
      resourceAttributes: {},
      spans: [
        {
          traceId: '',
          spanId: '',
          name: '',
          startTimeUnixNano: 0n,
          endTimeUnixNano: 0n,
          attributes: {},
        },
      ],
    });
    expect(decoded[1].resourceAttributes).toEqual({ 'greenops.project.id': 'p' });
    expect(decoded[1].spans[0]).toEqual({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      name: '',
      startTimeUnixNano: 2n ** 64n - 1n,
      endTimeUnixNano: 0n,
      attributes: {
        'i.max': Number(2n ** 63n - 1n),
        'i.neg': -42,
        'i.zero': 0,
        'd.zero': 0,
        'd.nan': Number.NaN,
        'b.false': false,
        's.empty': '',
        arr: [7, true],
        dup: 'second',
        two: 's',
      },
    });
  });

  it('reads the SDK exporter body as the toObject copy', () => {
    const body = ProtobufTraceSerializer.serializeRequest(sdkSpans())!;
    expect(decodeProtobufTraceRequest(body)).toEqual(viaToObject(body));
  });
});
