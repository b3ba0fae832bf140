/**
 * The copy-paste snippets of the empty state, with the platform's real OTLP URL and the
 * project the person is looking at (docs/semantic-conventions.md, "Worked examples").
 */
export interface SnippetInput {
  /** OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces. */
  otlpHttpUrl: string;
  projectId: string;
  /** Start of the example span (ms since epoch); the span lasts one hour. */
  startMs: number;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** curl with OTLP/JSON: a one-hour render in Great Britain that used 1.5 kWh. */
export function curlSnippet({ otlpHttpUrl, projectId, startMs }: SnippetInput): string {
  const startNs = `${BigInt(Math.floor(startMs)) * 1_000_000n}`;
  const endNs = `${BigInt(Math.floor(startMs) + 3_600_000) * 1_000_000n}`;
  const body = JSON.stringify({
    resourceSpans: [
      {
        resource: {
          attributes: [{ key: 'greenops.project.id', value: { stringValue: projectId } }],
        },
        scopeSpans: [
          {
            spans: [
              {
                traceId: '5b8efff798038103d269b633813fc60c',
                spanId: 'eee19b7ec3c1b174',
                name: 'render',
                startTimeUnixNano: startNs,
                endTimeUnixNano: endNs,
                attributes: [
                  { key: 'greenops.activity.kind', value: { stringValue: 'render' } },
                  { key: 'greenops.energy.kwh', value: { doubleValue: 1.5 } },
                  { key: 'greenops.location.country', value: { stringValue: 'GB' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  return [
    `curl -s ${shellQuote(otlpHttpUrl)} \\`,
    `  -H "Authorization: Bearer $GREENOPS_API_KEY" \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

/** Node.js with the OpenTelemetry SDK and the OTLP/HTTP protobuf exporter. */
export function otelNodeSnippet({ otlpHttpUrl, projectId }: SnippetInput): string {
  return `// npm i @opentelemetry/sdk-trace-base @opentelemetry/exporter-trace-otlp-proto
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';

const provider = new BasicTracerProvider({
  spanProcessors: [
    new BatchSpanProcessor(
      new OTLPTraceExporter({
        url: ${JSON.stringify(otlpHttpUrl)},
        headers: { Authorization: \`Bearer \${process.env.GREENOPS_API_KEY}\` },
      }),
    ),
  ],
});
const span = provider.getTracer('render-farm').startSpan('render shot 042 v3', {
  attributes: {
    'greenops.project.id': ${JSON.stringify(projectId)},
    'greenops.activity.kind': 'render',
    'greenops.hw.model': 'nvidia-l40s',
    'greenops.hw.count': 4,
    'greenops.hw.power_w': 300,
    'greenops.location.country': 'GB',
  },
});
// … the render …
span.end();
await provider.forceFlush();`;
}

/** The OTLP/HTTP URL to show: the configured one, else port 4318 of the host the page came from. */
export function otlpUrlFor(configured: string | null, pageHostname: string): string {
  if (configured) {
    // A platform bound to every interface reports 0.0.0.0: the page's host is the reachable one.
    return configured.replace('://0.0.0.0:', `://${pageHostname}:`);
  }
  return `http://${pageHostname}:4318/v1/traces`;
}
