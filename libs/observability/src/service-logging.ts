import { setServiceLog } from '@greenops/config';
import type { KafkaConnectionSettings } from '@greenops/messaging';
import { JsonLogger } from './json-logger';
import { kafkaLogCreator, kafkaLogLevel } from './kafka-log-creator';
import type { LogLevelName } from './log-level';

export interface ServiceLogging {
  logger: JsonLogger;
  /** kafkajs' log lines through `logger`, re-levelled; merge into the Kafka connection settings. */
  kafka: Pick<KafkaConnectionSettings, 'logCreator' | 'logLevel'>;
}

/**
 * The JSON logger of one service at GREENOPS_LOG_LEVEL, kafkajs wired to it, and runService's
 * lines through it.
 */
export function serviceLogging(service: string, level: LogLevelName): ServiceLogging {
  const logger = new JsonLogger({ service, level });
  // runService's own lines (signal received, failed to start or stop) become JSON lines too.
  setServiceLog((lineLevel, line) => logger.emit(lineLevel, line));
  return { logger, kafka: { logCreator: kafkaLogCreator(logger), logLevel: kafkaLogLevel(level) } };
}
