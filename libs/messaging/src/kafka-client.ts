import type { ConnectionOptions } from 'node:tls';
import { Kafka, logLevel, type KafkaConfig, type logCreator, type SASLOptions } from 'kafkajs';

/**
 * How every Kafka client of a service connects (docs/operations.md, "Kafka security"): TLS,
 * SASL and where kafkajs' own log lines go. The same for the publisher, consumers and admin.
 */
export interface KafkaConnectionSettings {
  /** `true`: TLS with the system's CAs; an object: TLS with these options (e.g. `ca`). */
  ssl?: boolean | ConnectionOptions;
  sasl?: SASLOptions;
  /** kafkajs log lines through the service's logger; silent without it. */
  logCreator?: logCreator;
  logLevel?: logLevel;
}

/** A kafkajs client for `brokers` with the service's connection settings and `config`. */
export function createKafkaClient(
  brokers: string[],
  clientId: string,
  connection: KafkaConnectionSettings | undefined,
  config: Omit<KafkaConfig, 'brokers' | 'clientId'> = {},
): Kafka {
  return new Kafka({
    logLevel: logLevel.NOTHING,
    ...config,
    clientId,
    brokers,
    ...(connection?.ssl !== undefined ? { ssl: connection.ssl } : {}),
    ...(connection?.sasl ? { sasl: connection.sasl } : {}),
    ...(connection?.logCreator
      ? { logCreator: connection.logCreator, logLevel: connection.logLevel ?? logLevel.INFO }
      : {}),
  });
}
