import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A built service (dist/…) running as its own OS process, as in production. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
  ) {}

  static built(name: string, relativeScript: string, env: Record<string, string>): ServiceProcess {
    const script = join(ROOT, relativeScript);
    if (!existsSync(script)) {
      throw new Error(
        `${script} is missing: run \`npm run build\` before the e2e tests (npm test does)`,
      );
    }
    return new ServiceProcess(name, script, env);
  }

  /** Starts the process and resolves once a line matches `ready`. */
  async start(ready: RegExp, timeoutMs = 60000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [this.script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const onData = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const started = Date.now();
    while (!ready.test(this.output)) {
      if (child.exitCode !== null) {
        throw new Error(
          `${this.name} exited with ${child.exitCode} before it was ready:\n${this.output}`,
        );
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  get log(): string {
    return this.output;
  }

  /** SIGKILL: a crash, no graceful shutdown. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  }
}
