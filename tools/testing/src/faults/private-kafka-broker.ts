import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';
import { processAlive, runCommand } from './run-command';

/**
 * A Kafka broker of one test or script alone, on its own port and data folder, started and
 * stopped with tools/kafka/kafka.sh: stopping it affects nobody else (the shared test broker
 * of the jest global setup keeps running). The controller takes `port + 1`.
 */
export class PrivateKafkaBroker {
  private readonly script = join(repoRoot(), 'tools', 'kafka', 'kafka.sh');

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts the broker (fresh storage if asked) and resolves once it answers. */
  async start(options: { fresh?: boolean } = {}): Promise<void> {
    await runCommand(
      'bash',
      [
        this.script,
        'start',
        '--port',
        String(this.port),
        '--data-dir',
        this.dataDir,
        ...(options.fresh ? ['--fresh'] : []),
      ],
      { timeoutMs: 180000 },
    );
  }

  /** Controlled shutdown (SIGTERM, as kafka.sh stop does). */
  async stop(): Promise<void> {
    await runCommand(
      'bash',
      [this.script, 'stop', '--port', String(this.port), '--data-dir', this.dataDir],
      { timeoutMs: 60000 },
    );
  }

  /** SIGKILL: a crash of the broker's JVM; resolves once the process is gone. */
  async kill(): Promise<void> {
    const pid = this.pid();
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + 30000;
    while (processAlive(pid)) {
      if (Date.now() > deadline) throw new Error(`broker pid ${pid} survived SIGKILL for 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops the broker and deletes its data folder. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private pid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'broker.pid'), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }
}
