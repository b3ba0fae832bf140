import { metrics, trace, type Tracer } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ConfigurationError } from '@greenops/config';
import { useSelfMetricsMeter } from './self-metrics';
import { selfTelemetrySettings, type SelfTelemetrySettings } from './self-telemetry-settings';

export interface SelfTelemetry {
  settings: SelfTelemetrySettings;
  /** Flushes and stops the exporters; a no-op when self-telemetry is off. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK for the service's own traces and metrics, configured by the
 * standard OTEL_* variables, when they ask for it (selfTelemetrySettings); otherwise nothing
 * starts. No auto-instrumentation: the spans are the platform's own (ingest export, projector
 * batch), the metrics those of selfMetrics().
 */
export function startSelfTelemetry(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): SelfTelemetry {
  const settings = selfTelemetrySettings(service, env);
  if (!settings.enabled) return { settings, shutdown: async () => undefined };
  // The SDK reads these itself; an endpoint alone means OTLP for both signals.
  env.OTEL_TRACES_EXPORTER = settings.tracesExporter;
  env.OTEL_METRICS_EXPORTER = settings.metricsExporter;
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: settings.serviceName }),
    instrumentations: [],
  });
  try {
    sdk.start();
  } catch (error) {
    // e.g. OTEL_METRIC_EXPORT_INTERVAL below OTEL_METRIC_EXPORT_TIMEOUT: a start-up error (78).
    throw new ConfigurationError([`OTEL_* (self-telemetry): ${(error as Error).message}`]);
  }
  if (settings.metricsExporter !== 'none') useSelfMetricsMeter(metrics.getMeter('greenops'));
  return { settings, shutdown: () => sdk.shutdown() };
}

/** The platform's tracer (a no-op until self-telemetry starts with traces on). */
export function selfTracer(): Tracer {
  return trace.getTracer('greenops');
}
