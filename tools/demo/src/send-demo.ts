import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { DeterministicIdGenerator } from './deterministic-ids';
import {
  demoAnchor,
  demoCounts,
  demoProduction,
  demoRejectedSpan,
  type DemoSpan,
} from './demo-production';

export interface DemoResult {
  /** Spans per project the platform accepts and counts. */
  counts: Record<string, number>;
  /** Spans sent on purpose with a mistake (Platform health lists them). */
  rejected: number;
}

/** Sends the demo production through the OpenTelemetry JS SDK and its OTLP/HTTP exporter. */
export async function sendDemo(options: {
  otlpHttpUrl: string;
  apiKey: string;
  now?: Date;
}): Promise<DemoResult> {
  const now = options.now ?? new Date();
  const spans = demoProduction(now);
  const bad = demoRejectedSpan(now);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'greenops-demo-pipeline' }),
    idGenerator: new DeterministicIdGenerator(`greenops-demo:${demoAnchor(now)}`),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({
          url: options.otlpHttpUrl,
          headers: { authorization: `Bearer ${options.apiKey}` },
        }),
        { maxQueueSize: 10_000, maxExportBatchSize: 500, scheduledDelayMillis: 200 },
      ),
    ],
  });
  const tracer = provider.getTracer('greenops-demo');
  const record = (s: DemoSpan) => {
    const span = tracer.startSpan(s.name, {
      startTime: new Date(s.startMs),
      attributes: s.attributes,
    });
    span.end(new Date(s.startMs + s.durationS * 1000));
  };
  spans.forEach(record);
  record(bad);
  await provider.forceFlush();
  await provider.shutdown();
  return { counts: demoCounts(spans), rejected: 1 };
}
