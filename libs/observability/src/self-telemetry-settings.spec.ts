import { selfTelemetrySettings } from './self-telemetry-settings';

describe('selfTelemetrySettings', () => {
  it('is off without OTEL_* variables', () => {
    expect(selfTelemetrySettings('ingest', {})).toEqual({
      enabled: false,
      tracesExporter: 'none',
      metricsExporter: 'none',
      serviceName: 'greenops-ingest',
    });
  });

  it('sends traces and metrics over OTLP once an endpoint is set', () => {
    for (const name of [
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
      'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
    ]) {
      expect(selfTelemetrySettings('projector', { [name]: 'http://collector:4318' })).toEqual({
        enabled: true,
        tracesExporter: 'otlp',
        metricsExporter: 'otlp',
        serviceName: 'greenops-projector',
      });
    }
  });

  it('takes each signal exporter and the service name from the standard variables', () => {
    expect(
      selfTelemetrySettings('gateway', {
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_SERVICE_NAME: 'graphql-eu',
      }),
    ).toEqual({
      enabled: true,
      tracesExporter: 'none',
      metricsExporter: 'prometheus',
      serviceName: 'graphql-eu',
    });
    expect(
      selfTelemetrySettings('gateway', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_TRACES_EXPORTER: 'none',
      }),
    ).toMatchObject({ enabled: true, tracesExporter: 'none', metricsExporter: 'otlp' });
  });

  it('is off with OTEL_SDK_DISABLED=true whatever else is set', () => {
    expect(
      selfTelemetrySettings('ingest', {
        OTEL_SDK_DISABLED: 'true',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      }).enabled,
    ).toBe(false);
  });
});
