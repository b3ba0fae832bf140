import { ConfigurationError } from './parse-env';

type ServiceLog = (level: 'info' | 'error', line: string) => void;

let serviceLog: ServiceLog | undefined;

/**
 * Where runService writes its own lines (signal received, failed to stop or start) once the
 * service has its logger (the JSON logger, libs/observability); plain console lines before.
 */
export function setServiceLog(log: ServiceLog | undefined): void {
  serviceLog = log;
}

function write(level: 'info' | 'error', line: string): void {
  if (serviceLog) serviceLog(level, line);
  else if (level === 'error') console.error(line);
  else console.log(line);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

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
        write('info', `${name}: ${signal} received, stopping …`);
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            write('error', `${name}: failed to stop cleanly: ${describeError(error)}`);
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
      write('error', `${name}: failed to start: ${describeError(error)}`);
      process.exit(1);
    },
  );
}
