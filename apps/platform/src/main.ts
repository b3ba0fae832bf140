import 'reflect-metadata';
import { ConfigurationError } from '@greenops/config';
import { loadEmbeddedConfig } from './embedded.config';
import { startEmbeddedPlatform } from './embedded-platform';

async function main(): Promise<void> {
  const config = loadEmbeddedConfig();
  const platform = await startEmbeddedPlatform(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`greenops: ${signal} received, stopping …`);
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  console.error('greenops: failed to start:', error);
  process.exit(1);
});
