import { randomBytes } from 'node:crypto';

type JsonValue =
  { stringValue: string } | { doubleValue: number } | { intValue: string } | { boolValue: boolean };

function toAnyValue(value: string | number | boolean): JsonValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

export interface JsonSpan {
  name: string;
  startMs: number;
  durationS: number;
  attributes: Record<string, string | number | boolean>;
  traceId?: string;
  spanId?: string;
}

/** An OTLP/JSON ExportTraceServiceRequest, as the OTLP spec writes it (hex ids, int64 as strings). */
export function otlpJsonRequest(spans: JsonSpan[]): {
  body: unknown;
  ids: Array<{ traceId: string; spanId: string }>;
} {
  const ids: Array<{ traceId: string; spanId: string }> = [];
  const jsonSpans = spans.map((span) => {
    const traceId = span.traceId ?? randomBytes(16).toString('hex');
    const spanId = span.spanId ?? randomBytes(8).toString('hex');
    ids.push({ traceId, spanId });
    const startNs = BigInt(span.startMs) * 1_000_000n;
    return {
      traceId,
      spanId,
      name: span.name,
      kind: 1,
      startTimeUnixNano: startNs.toString(),
      endTimeUnixNano: (startNs + BigInt(Math.round(span.durationS * 1e9))).toString(),
      attributes: Object.entries(span.attributes).map(([key, value]) => ({
        key,
        value: toAnyValue(value),
      })),
    };
  });
  return {
    body: {
      resourceSpans: [
        {
          resource: { attributes: [] },
          scopeSpans: [{ scope: { name: 'e2e' }, spans: jsonSpans }],
        },
      ],
    },
    ids,
  };
}

export async function postOtlpJson(
  url: string,
  apiKey: string | null,
  body: unknown,
): Promise<{
  status: number;
  json: { partialSuccess?: { rejectedSpans?: number | string; errorMessage?: string } };
}> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}
