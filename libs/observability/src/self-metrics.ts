import {
  createNoopMeter,
  type Counter,
  type Histogram,
  type Meter,
  type ObservableGauge,
} from '@opentelemetry/api';

/** The platform's own instruments (docs/operations.md, "Self-telemetry"). */
export interface SelfMetrics {
  /** Spans received over OTLP, attribute `outcome`: accepted | rejected. */
  ingestSpans: Counter;
  /** Time to make one ingest request's records durable on the event log, seconds. */
  publishDuration: Histogram;
  /** Records between the group's committed offset and the end, per owned partition. */
  consumerLag: ObservableGauge;
  /** Batches that failed (retried) and records passed over, attribute `kind`. */
  projectionErrors: Counter;
  /** Records a projection rebuild has replayed, attribute `tenant`. */
  rebuildRecords: Counter;
  /** Projection rebuilds that switched a tenant to its new version. */
  rebuildsCompleted: Counter;
}

function instruments(meter: Meter): SelfMetrics {
  return {
    ingestSpans: meter.createCounter('greenops.ingest.spans', {
      description: 'Spans received over OTLP, by outcome (accepted, rejected).',
      unit: '{span}',
    }),
    publishDuration: meter.createHistogram('greenops.ingest.publish.duration', {
      description: "Time to make one request's records durable on the event log.",
      unit: 's',
    }),
    consumerLag: meter.createObservableGauge('greenops.projector.consumer.lag', {
      description: "Records between the consumer group's committed offset and the partition's end.",
      unit: '{record}',
    }),
    projectionErrors: meter.createCounter('greenops.projector.errors', {
      description: 'Failed batches (retried) and records passed over, by kind.',
      unit: '{error}',
    }),
    rebuildRecords: meter.createCounter('greenops.projector.rebuild.records', {
      description: 'Records replayed into a new projection version.',
      unit: '{record}',
    }),
    rebuildsCompleted: meter.createCounter('greenops.projector.rebuilds.completed', {
      description: 'Projection rebuilds that switched a tenant to the new version.',
      unit: '{rebuild}',
    }),
  };
}

let current: SelfMetrics = instruments(createNoopMeter());

/** The instruments: no-ops until self-telemetry starts with metrics on. */
export function selfMetrics(): SelfMetrics {
  return current;
}

/** Called by startSelfTelemetry once the meter provider is registered. */
export function useSelfMetricsMeter(meter: Meter): SelfMetrics {
  current = instruments(meter);
  return current;
}
