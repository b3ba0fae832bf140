import { z } from 'zod';
import { brokersField, ConfigurationError, durationMsField, parseEnv, portField } from './index';

describe('parseEnv', () => {
  const schema = z.object({ PORT: portField(4000), BROKERS: brokersField });

  it('applies defaults and coerces values', () => {
    expect(parseEnv(schema, { BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' })).toEqual({
      PORT: 4000,
      BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
    });
  });

  it('lists every problem with the variable name', () => {
    let error: unknown;
    try {
      parseEnv(schema, { PORT: 'http', BROKERS: 'nohostport' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('PORT: must be a TCP port number');
    expect(message).toContain('BROKERS: must be a comma-separated list of host:port');
  });

  it('reads durations in whole positive milliseconds', () => {
    const timeouts = z.object({ TIMEOUT_MS: durationMsField(10_000) });
    expect(parseEnv(timeouts, {})).toEqual({ TIMEOUT_MS: 10_000 });
    expect(parseEnv(timeouts, { TIMEOUT_MS: '2500' })).toEqual({ TIMEOUT_MS: 2500 });
    for (const bad of ['0', '-5', '1.5', 'soon']) {
      expect(() => parseEnv(timeouts, { TIMEOUT_MS: bad })).toThrow(/TIMEOUT_MS: must be a/);
    }
  });
});
