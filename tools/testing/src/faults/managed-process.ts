import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

/** The last this many characters of a process's output are kept (for failure messages). */
const MAX_LOG_CHARS = 256 * 1024;

/**
 * A built service (dist/…) as its own OS process, that a fault test or the chaos script kills
 * (SIGKILL: a crash, no graceful shutdown) and starts again with the same environment.
 */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private output = '';
  /** How many times the process was started. */
  starts = 0;

  private constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
  ) {}

  static built(name: string, relativeScript: string, env: Record<string, string>): ManagedProcess {
    const script = join(repoRoot(), relativeScript);
    if (!existsSync(script)) {
      throw new Error(`${script} is missing: run \`npm run build\` first`);
    }
    return new ManagedProcess(name, script, env);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Output of every start so far (the latest MAX_LOG_CHARS characters). */
  get log(): string {
    return this.output;
  }

  /** Starts the process and resolves once its output of this start matches `ready`. */
  async start(ready: RegExp, timeoutMs = 60000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    const child = spawn(process.execPath, [this.script], {
      cwd: repoRoot(),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.append(`--- ${this.name}: start #${this.starts} (pid ${child.pid}) ---\n`);
    let thisStart = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      thisStart += text;
      this.append(text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const started = Date.now();
    while (!ready.test(thisStart)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${this.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${thisStart}`,
        );
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${thisStart}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL: a crash, no graceful shutdown; resolves once the process has exited. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** SIGTERM (graceful), then SIGKILL after 10 s. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** SIGKILL, then a fresh start with the same environment. */
  async restart(ready: RegExp, timeoutMs = 60000): Promise<void> {
    await this.kill();
    await this.start(ready, timeoutMs);
  }

  private append(text: string): void {
    this.output += text;
    if (this.output.length > MAX_LOG_CHARS) this.output = this.output.slice(-MAX_LOG_CHARS);
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
