import { readFileSync } from 'node:fs';
import { ConfigurationError } from './parse-env';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** TLS and SASL of the Kafka clients, in the shape kafkajs takes (`ssl`, `sasl`). */
export interface KafkaSecurity {
  ssl?: true | { ca: string[] };
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

/**
 * Reads GREENOPS_KAFKA_SSL, GREENOPS_KAFKA_SSL_CA_FILE and GREENOPS_KAFKA_SASL_* (docs/operations.md,
 * "Kafka security"). Every problem is listed, naming the variable; the password is never quoted.
 */
export function kafkaSecurityFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): KafkaSecurity {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const sslText = value('GREENOPS_KAFKA_SSL')?.toLowerCase();
  if (sslText !== undefined && sslText !== 'true' && sslText !== 'false') {
    problems.push('GREENOPS_KAFKA_SSL: must be true or false');
  }
  const ssl = sslText === 'true';
  let sslOptions: KafkaSecurity['ssl'];
  const caFile = value('GREENOPS_KAFKA_SSL_CA_FILE');
  if (caFile !== undefined && !ssl) {
    problems.push('GREENOPS_KAFKA_SSL_CA_FILE: needs GREENOPS_KAFKA_SSL=true');
  } else if (caFile !== undefined) {
    try {
      const pem = readFile(caFile);
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        problems.push(
          `GREENOPS_KAFKA_SSL_CA_FILE: ${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
        );
      } else {
        sslOptions = { ca: [pem] };
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        `GREENOPS_KAFKA_SSL_CA_FILE: cannot read ${caFile} (${code ?? (error as Error).message})`,
      );
    }
  } else if (ssl) {
    sslOptions = true;
  }

  const mechanismText = value('GREENOPS_KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = value('GREENOPS_KAFKA_SASL_USERNAME');
  const password = env.GREENOPS_KAFKA_SASL_PASSWORD;
  let sasl: KafkaSecurity['sasl'];
  if (mechanismText === undefined) {
    if (username !== undefined) {
      problems.push(
        'GREENOPS_KAFKA_SASL_USERNAME: is set but GREENOPS_KAFKA_SASL_MECHANISM is not',
      );
    }
    if (password !== undefined && password !== '') {
      problems.push(
        'GREENOPS_KAFKA_SASL_PASSWORD: is set but GREENOPS_KAFKA_SASL_MECHANISM is not',
      );
    }
  } else if (!(KAFKA_SASL_MECHANISMS as readonly string[]).includes(mechanismText)) {
    problems.push(
      `GREENOPS_KAFKA_SASL_MECHANISM: must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
    );
  } else {
    if (username === undefined) {
      problems.push(
        `GREENOPS_KAFKA_SASL_USERNAME: is required with GREENOPS_KAFKA_SASL_MECHANISM=${mechanismText}`,
      );
    }
    if (password === undefined || password === '') {
      problems.push(
        `GREENOPS_KAFKA_SASL_PASSWORD: is required with GREENOPS_KAFKA_SASL_MECHANISM=${mechanismText}`,
      );
    }
    if (username !== undefined && password) {
      sasl = { mechanism: mechanismText as KafkaSaslMechanism, username, password };
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { ...(sslOptions ? { ssl: sslOptions } : {}), ...(sasl ? { sasl } : {}) };
}
