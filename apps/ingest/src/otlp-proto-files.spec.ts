import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProtobufTraceRequest } from './otlp-decoder';
import { otlpProtobufTypes } from './otlp-protobuf-types';
import { otlpProtoRoot } from './proto-location';

/** `<sha256>  <path>` lines of the README's "SHA-256" block (sha256sum's format). */
function recordedChecksums(): Map<string, string> {
  const readme = readFileSync(join(otlpProtoRoot(), 'README.md'), 'utf8');
  const block = readme.split('## SHA-256')[1]?.split('```')[1] ?? '';
  return new Map(
    block
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((parts) => parts.length === 2)
      .map(([sha, path]) => [path, sha]),
  );
}

describe('OTLP .proto files: upstream copies (apps/ingest/proto/README.md)', () => {
  it('lists the five files the ingest loads', () => {
    expect([...recordedChecksums().keys()].sort()).toEqual([
      'google/rpc/status.proto',
      'opentelemetry/proto/collector/trace/v1/trace_service.proto',
      'opentelemetry/proto/common/v1/common.proto',
      'opentelemetry/proto/resource/v1/resource.proto',
      'opentelemetry/proto/trace/v1/trace.proto',
    ]);
  });

  it.each([...recordedChecksums()])(
    '%s is byte for byte the recorded upstream file',
    (path, sha) => {
      const actual = createHash('sha256')
        .update(readFileSync(join(otlpProtoRoot(), path)))
        .digest('hex');
      expect(actual).toBe(sha);
    },
  );
});

describe('the decoder on the upstream OTLP messages', () => {
  // 16-byte trace id and 8-byte span id, as an exporter puts them on the wire.
  const traceId = '5b8efff798038103d269b633813fc60c';
  const spanId = 'eee19b7ec3c1b174';

  it('round-trips a request encoded with the same .proto files', () => {
    const { exportRequest } = otlpProtobufTypes();
    const message = exportRequest.fromObject({
      resourceSpans: [
        {
          resource: {
            attributes: [{ key: 'greenops.project.id', value: { stringValue: 'series-s01' } }],
          },
          scopeSpans: [
            {
              scope: { name: 'round-trip' },
              spans: [
                {
                  traceId: Buffer.from(traceId, 'hex'),
                  spanId: Buffer.from(spanId, 'hex'),
                  name: 'render',
                  kind: 1,
                  // 2026-01-01T00:00:00Z = 1_767_225_600 s; + 90 s
                  startTimeUnixNano: '1767225600000000000',
                  endTimeUnixNano: '1767225690000000000',
                  attributes: [
                    { key: 'greenops.activity.kind', value: { stringValue: 'render' } },
                    { key: 'greenops.hw.count', value: { intValue: '8' } },
                    { key: 'greenops.hw.power_w', value: { doubleValue: 412.5 } },
                    { key: 'greenops.flag', value: { boolValue: true } },
                    {
                      key: 'greenops.tags',
                      value: {
                        arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] },
                      },
                    },
                  ],
                  status: { code: 1 },
                },
              ],
            },
          ],
        },
      ],
    });
    const body = exportRequest.encode(message).finish();

    expect(decodeProtobufTraceRequest(body)).toEqual([
      {
        resourceAttributes: { 'greenops.project.id': 'series-s01' },
        spans: [
          {
            traceId,
            spanId,
            name: 'render',
            startTimeUnixNano: 1_767_225_600_000_000_000n,
            endTimeUnixNano: 1_767_225_690_000_000_000n,
            attributes: {
              'greenops.activity.kind': 'render',
              'greenops.hw.count': 8,
              'greenops.hw.power_w': 412.5,
              'greenops.flag': true,
              'greenops.tags': ['a', 'b'],
            },
          },
        ],
      },
    ]);
  });

  it('encodes and decodes a google.rpc.Status (its google/protobuf/any.proto import resolves)', () => {
    const { rpcStatus } = otlpProtobufTypes();
    const bytes = rpcStatus.encode(rpcStatus.fromObject({ code: 3, message: 'bad span' })).finish();
    expect(rpcStatus.toObject(rpcStatus.decode(bytes))).toEqual({ code: 3, message: 'bad span' });
  });
});
