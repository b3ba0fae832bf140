import 'reflect-metadata';
import { runService } from '@greenops/config';
import { loadEmbeddedConfig } from './embedded.config';
import { startEmbeddedPlatform } from './embedded-platform';

/** Embedded mode (`npm start`): the whole platform in one process. */
runService('greenops', async () => {
  const platform = await startEmbeddedPlatform(loadEmbeddedConfig());
  return () => platform.stop();
});
