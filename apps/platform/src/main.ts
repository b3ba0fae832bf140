import 'reflect-metadata';
import { runService } from '@greenops/config';
import { startSelfTelemetry } from '@greenops/observability';
import { loadEmbeddedConfig } from './embedded.config';
import { startEmbeddedPlatform } from './embedded-platform';

/** Embedded mode (`npm start`): the whole platform in one process. */
runService('greenops', async () => {
  const config = loadEmbeddedConfig();
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_*_EXPORTER) is set (docs/operations.md).
  const telemetry = startSelfTelemetry('platform');
  const platform = await startEmbeddedPlatform(config);
  return async () => {
    await platform.stop();
    await telemetry.shutdown();
  };
});
