import { ConfigurationError } from './parse-env';
import { kafkaSecurityFromEnv } from './kafka-security-env';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const files: Record<string, string> = { '/etc/kafka/ca.pem': PEM, '/etc/kafka/key.txt': 'not pem' };
const readFile = (path: string) => {
  if (path in files) return files[path];
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    kafkaSecurityFromEnv(env, readFile);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('kafkaSecurityFromEnv', () => {
  it('is plaintext without variables', () => {
    expect(kafkaSecurityFromEnv({}, readFile)).toEqual({});
    expect(kafkaSecurityFromEnv({ GREENOPS_KAFKA_SSL: 'false' }, readFile)).toEqual({});
  });

  it('turns on TLS with the system CAs, or with a CA file', () => {
    expect(kafkaSecurityFromEnv({ GREENOPS_KAFKA_SSL: 'true' }, readFile)).toEqual({ ssl: true });
    expect(
      kafkaSecurityFromEnv(
        { GREENOPS_KAFKA_SSL: 'TRUE', GREENOPS_KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' },
        readFile,
      ),
    ).toEqual({ ssl: { ca: [PEM] } });
  });

  it('passes each SASL mechanism with its credentials', () => {
    for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
      expect(
        kafkaSecurityFromEnv(
          {
            GREENOPS_KAFKA_SSL: 'true',
            GREENOPS_KAFKA_SASL_MECHANISM: mechanism.toUpperCase(),
            GREENOPS_KAFKA_SASL_USERNAME: 'greenops',
            GREENOPS_KAFKA_SASL_PASSWORD: 's3cret',
          },
          readFile,
        ),
      ).toEqual({ ssl: true, sasl: { mechanism, username: 'greenops', password: 's3cret' } });
    }
  });

  it('names every bad variable and the reason', () => {
    expect(
      problemsOf({
        GREENOPS_KAFKA_SSL: 'yes',
        GREENOPS_KAFKA_SASL_MECHANISM: 'gssapi',
      }),
    ).toEqual([
      'GREENOPS_KAFKA_SSL: must be true or false',
      'GREENOPS_KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512',
    ]);
    expect(problemsOf({ GREENOPS_KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' })).toEqual([
      'GREENOPS_KAFKA_SSL_CA_FILE: needs GREENOPS_KAFKA_SSL=true',
    ]);
    expect(
      problemsOf({
        GREENOPS_KAFKA_SSL: 'true',
        GREENOPS_KAFKA_SSL_CA_FILE: '/etc/kafka/missing.pem',
      }),
    ).toEqual(['GREENOPS_KAFKA_SSL_CA_FILE: cannot read /etc/kafka/missing.pem (ENOENT)']);
    expect(
      problemsOf({ GREENOPS_KAFKA_SSL: 'true', GREENOPS_KAFKA_SSL_CA_FILE: '/etc/kafka/key.txt' }),
    ).toEqual([
      'GREENOPS_KAFKA_SSL_CA_FILE: /etc/kafka/key.txt holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
    ]);
    expect(problemsOf({ GREENOPS_KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual([
      'GREENOPS_KAFKA_SASL_USERNAME: is required with GREENOPS_KAFKA_SASL_MECHANISM=scram-sha-512',
      'GREENOPS_KAFKA_SASL_PASSWORD: is required with GREENOPS_KAFKA_SASL_MECHANISM=scram-sha-512',
    ]);
    expect(
      problemsOf({ GREENOPS_KAFKA_SASL_USERNAME: 'u', GREENOPS_KAFKA_SASL_PASSWORD: 'p' }),
    ).toEqual([
      'GREENOPS_KAFKA_SASL_USERNAME: is set but GREENOPS_KAFKA_SASL_MECHANISM is not',
      'GREENOPS_KAFKA_SASL_PASSWORD: is set but GREENOPS_KAFKA_SASL_MECHANISM is not',
    ]);
  });

  it('never quotes the password', () => {
    const problems = problemsOf({
      GREENOPS_KAFKA_SASL_MECHANISM: 'plain',
      GREENOPS_KAFKA_SASL_PASSWORD: 'hunter2-secret',
    });
    expect(problems.join('\n')).not.toContain('hunter2-secret');
  });
});
