import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

function exportOnce(exporter: SpanExporter, spans: ReadableSpan[]): Promise<void> {
  return new Promise((resolve, reject) =>
    exporter.export(spans, (result) =>
      result.code === ExportResultCode.SUCCESS
        ? resolve()
        : reject(result.error ?? new Error('OTLP export failed')),
    ),
  );
}

/**
 * Exports the batches through one exporter with up to `inFlight` requests outstanding, as an
 * OTel Collector's sending queue does with several consumers. Rejects on the first failed
 * export (the exporter has already retried 429/502/503/504 by then).
 */
export async function exportConcurrently(
  exporter: SpanExporter,
  batches: ReadableSpan[][],
  inFlight: number,
  onExported: (spans: number) => void = () => undefined,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      await exportOnce(exporter, batch);
      onExported(batch.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, batches.length) }, worker));
}
