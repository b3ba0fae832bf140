import { ConfigurationError } from './parse-env';

/**
 * Runs a service's start-up: `start` returns the service's stop function. SIGTERM/SIGINT stop
 * it once and exit 0; a configuration error exits 78 (EX_CONFIG) with the readable list of
 * problems; any other start-up failure exits 1.
 */
export function runService(name: string, start: () => Promise<() => Promise<void>>): void {
  start().then(
    (stop) => {
      let stopping = false;
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        console.log(`${name}: ${signal} received, stopping …`);
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`${name}: failed to stop cleanly:`, error);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    },
    (error: unknown) => {
      if (error instanceof ConfigurationError) {
        console.error(error.message);
        process.exit(78);
      }
      console.error(`${name}: failed to start:`, error);
      process.exit(1);
    },
  );
}
