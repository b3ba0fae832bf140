import { randomBytes } from 'node:crypto';

export interface FaultSpan {
  name: string;
  /** Epoch milliseconds. */
  startMs: number;
  durationS: number;
  attributes: Record<string, string | number>;
}

/**
 * An OTLP/JSON ExportTraceServiceRequest (hex ids, int64 as strings, per the OTLP
 * specification) with fresh random trace and span ids. Re-sending the same body is a retry of
 * the same spans: the platform must count them once.
 */
export function otlpJsonBody(spans: readonly FaultSpan[]): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'faults' } }] },
        scopeSpans: [
          {
            scope: { name: 'greenops-faults' },
            spans: spans.map((span) => {
              const startNs = BigInt(span.startMs) * 1_000_000n;
              return {
                traceId: randomBytes(16).toString('hex'),
                spanId: randomBytes(8).toString('hex'),
                name: span.name,
                kind: 1,
                startTimeUnixNano: startNs.toString(),
                endTimeUnixNano: (startNs + BigInt(Math.round(span.durationS * 1e9))).toString(),
                attributes: Object.entries(span.attributes).map(([key, value]) => ({
                  key,
                  value:
                    typeof value === 'string'
                      ? { stringValue: value }
                      : Number.isInteger(value)
                        ? { intValue: String(value) }
                        : { doubleValue: value },
                })),
              };
            }),
          },
        ],
      },
    ],
  };
}
