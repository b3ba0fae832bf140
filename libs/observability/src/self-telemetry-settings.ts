/** Which of the platform's own signals go out, decided from the standard OTEL_* variables. */
export interface SelfTelemetrySettings {
  enabled: boolean;
  /** Value for OTEL_TRACES_EXPORTER (`none`: no traces). */
  tracesExporter: string;
  /** Value for OTEL_METRICS_EXPORTER (`none`: no metrics). */
  metricsExporter: string;
  serviceName: string;
}

/**
 * Self-telemetry is off unless asked for (docs/operations.md, "Self-telemetry"): an OTLP endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT, or its _TRACES_/_METRICS_ variant) turns on traces and metrics
 * over OTLP; OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER choose each signal's exporter
 * (`otlp`, `console`, `prometheus` for metrics, `none`); OTEL_SDK_DISABLED=true turns all off.
 */
export function selfTelemetrySettings(
  service: string,
  env: Record<string, string | undefined>,
): SelfTelemetrySettings {
  const set = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const serviceName = set('OTEL_SERVICE_NAME') ?? `greenops-${service}`;
  if (set('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') {
    return { enabled: false, tracesExporter: 'none', metricsExporter: 'none', serviceName };
  }
  const endpoint =
    set('OTEL_EXPORTER_OTLP_ENDPOINT') !== undefined ||
    set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== undefined ||
    set('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT') !== undefined;
  const tracesExporter = set('OTEL_TRACES_EXPORTER') ?? (endpoint ? 'otlp' : 'none');
  const metricsExporter = set('OTEL_METRICS_EXPORTER') ?? (endpoint ? 'otlp' : 'none');
  return {
    enabled: tracesExporter !== 'none' || metricsExporter !== 'none',
    tracesExporter,
    metricsExporter,
    serviceName,
  };
}
