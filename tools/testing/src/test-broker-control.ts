import { spawn } from 'node:child_process';
import { join } from 'node:path';

const KAFKA_SCRIPT = join(__dirname, '..', '..', 'kafka', 'kafka.sh');

/** The port of the broker tools/testing/global-setup.js runs (GREENOPS_TEST_KAFKA_PORT, default 19092). */
export function testBrokerPort(): number {
  return Number(process.env.GREENOPS_TEST_KAFKA_PORT || '19092');
}

function kafkaSh(command: 'start' | 'stop' | 'status'): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [KAFKA_SCRIPT, command, '--port', String(testBrokerPort())], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Stops and restarts the shared test broker, for tests of broker outages. Such a test runs in
 * band (the integration and e2e tiers do: `--runInBand`), restarts the broker before it ends
 * (`afterAll` too, in case it failed half-way), and waits until it answers: `start` returns
 * once kafka.sh has seen the broker ready. The data survives (no `--fresh`).
 */
export const testBroker = {
  async stop(): Promise<void> {
    const status = await kafkaSh('status');
    if (status.code !== 0) {
      throw new Error(
        `the test broker on port ${testBrokerPort()} is not run by tools/kafka/kafka.sh, so a test cannot stop it:\n${status.output}`,
      );
    }
    const stopped = await kafkaSh('stop');
    if (stopped.code !== 0) throw new Error(`kafka.sh stop failed:\n${stopped.output}`);
  },

  /** Starts the broker unless it runs, and resolves once it answers. */
  async start(): Promise<void> {
    const started = await kafkaSh('start');
    if (started.code !== 0) throw new Error(`kafka.sh start failed:\n${started.output}`);
  },
};
