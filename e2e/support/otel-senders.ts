import { Metadata } from '@grpc/grpc-js';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ExportResultCode } from '@opentelemetry/core';
import type { Attributes } from '@opentelemetry/api';

export interface SpanSpec {
  name: string;
  /** Epoch milliseconds. */
  startMs: number;
  durationS: number;
  attributes: Attributes;
}

/** The official OTel JS SDK with its OTLP exporters, exactly as a pipeline would use it. */
export class OtelSender {
  private readonly sent = new InMemorySpanExporter();
  private provider!: BasicTracerProvider;

  private constructor(private readonly exporter: SpanExporter) {}

  static httpProtobuf(url: string, apiKey: string, resource: Attributes = {}): OtelSender {
    return OtelSender.with(
      new OtlpProtoExporter({ url, headers: { authorization: `Bearer ${apiKey}` } }),
      resource,
    );
  }

  static grpc(url: string, apiKey: string, resource: Attributes = {}): OtelSender {
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${apiKey}`);
    return OtelSender.with(new OtlpGrpcExporter({ url, metadata }), resource);
  }

  private static with(exporter: SpanExporter, resource: Attributes): OtelSender {
    const sender = new OtelSender(exporter);
    sender.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'e2e-pipeline', ...resource }),
      spanProcessors: [
        // One export request per send(): a batch, as a pipeline's BatchSpanProcessor sends it.
        new BatchSpanProcessor(exporter, {
          maxExportBatchSize: 10000,
          maxQueueSize: 10000,
          scheduledDelayMillis: 3600000,
        }),
        new SimpleSpanProcessor(sender.sent),
      ],
    });
    return sender;
  }

  /** Every span finished so far. */
  finishedSpans(): ReadableSpan[] {
    return this.sent.getFinishedSpans();
  }

  /** Exports already-sent spans again through the same exporter (a retrying collector). */
  resend(spans: ReadableSpan[]): Promise<void> {
    return new Promise((resolve, reject) =>
      this.exporter.export(spans, (result) =>
        result.code === ExportResultCode.SUCCESS
          ? resolve()
          : reject(result.error ?? new Error('export failed')),
      ),
    );
  }

  async send(specs: SpanSpec[]): Promise<void> {
    const tracer = this.provider.getTracer('greenops-e2e');
    for (const spec of specs) {
      const span = tracer.startSpan(spec.name, {
        startTime: spec.startMs,
        attributes: spec.attributes,
      });
      span.end(spec.startMs + spec.durationS * 1000);
    }
    await this.provider.forceFlush();
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}
