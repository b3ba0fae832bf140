import type { Attributes } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/** Same start instant as the e2e render scenario. */
const T0_MS = Date.UTC(2026, 10, 2, 9, 0, 0);

function projectIdOf(index: number, projects: number): string {
  return `bench-p${String(index % projects).padStart(2, '0')}`;
}

/**
 * The e2e's untagged render span (measured energy, PUE, intensity override, ten minutes), with
 * values varied a little per span and the project cycling over `projects` ids so the partition
 * key spreads the load over the topic's partitions.
 */
function renderSpanAttributes(index: number, projects: number): Attributes {
  return {
    'greenops.project.id': projectIdOf(index, projects),
    'greenops.activity.kind': 'render',
    'greenops.energy.kwh': 0.5 + (index % 10) / 10,
    'greenops.pue': index % 2 === 0 ? 1.0 : 1.2,
    'greenops.carbon_intensity.g_per_kwh': 100 + (index % 7) * 25,
  };
}

/**
 * Creates `count` finished spans with the official OTel JS SDK (real trace/span ids, HrTime
 * timestamps), ready for an OTLP exporter. Built before the clock starts: the benchmark times
 * the pipeline, not span creation. `first` is the index of the first span, so a long run can
 * build its spans a request at a time and still send each index once.
 */
export async function buildRenderSpans(
  count: number,
  projects: number,
  first = 0,
): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'greenops-bench-render-farm' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('greenops-bench');
  for (let i = first; i < first + count; i++) {
    const startMs = T0_MS + i * 1000;
    const span = tracer.startSpan(`render frame batch ${i}`, {
      startTime: startMs,
      attributes: renderSpanAttributes(i, projects),
    });
    span.end(startMs + 600_000);
  }
  await provider.forceFlush();
  const spans = [...memory.getFinishedSpans()];
  await provider.shutdown();
  return spans;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
