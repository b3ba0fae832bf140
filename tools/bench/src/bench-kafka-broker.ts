import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

function kafkaSh(args: string[]): Promise<string> {
  const script = join(repoRoot(), 'tools', 'kafka', 'kafka.sh');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(stdout.trim())
        : reject(new Error(`kafka.sh ${args.join(' ')} exited ${code}:\n${stderr}`)),
    );
  });
}

/**
 * The benchmark's own single-node broker, on fresh storage, on a port no test uses: the
 * figures must not share a broker (or its page cache) with a test run.
 */
export class BenchKafkaBroker {
  private started = false;

  constructor(readonly port: number) {}

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** The broker JVM's pid (kafka.sh records it), for CPU accounting; undefined if unknown. */
  pid(): number | undefined {
    try {
      const file = join(repoRoot(), 'tools', 'kafka', '.cache', `run-${this.port}`, 'broker.pid');
      const pid = Number(readFileSync(file, 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  async start(): Promise<void> {
    await kafkaSh(['start', '--port', String(this.port), '--fresh']);
    this.started = true;
  }

  /** Stops the broker if this process started it; never touches another port. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await kafkaSh(['stop', '--port', String(this.port)]);
  }
}
