import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './progress';
import { repoRoot } from './repo-root';

/** A built service (dist/…) in its own OS process, started as in production (and as the e2e does). */
export class ServiceProcess {
  /** Every started process, so an interrupted benchmark can still stop them all. */
  private static readonly running = new Set<ServiceProcess>();
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
  ) {}

  static built(name: string, relativeScript: string, env: Record<string, string>): ServiceProcess {
    const script = join(repoRoot(), relativeScript);
    if (!existsSync(script))
      throw new Error(`${script} is missing: build first (npm run bench builds)`);
    return new ServiceProcess(name, script, env);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get log(): string {
    return this.output;
  }

  /** Starts the process and resolves once its output matches `ready`. */
  async start(ready: RegExp, timeoutMs = 60000): Promise<void> {
    this.output = '';
    // GREENOPS_BENCH_CPU_PROF_DIR=dir: each service writes a V8 CPU profile there when it exits.
    const profileDir = process.env.GREENOPS_BENCH_CPU_PROF_DIR;
    const profile = profileDir
      ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${this.name}.cpuprofile`]
      : [];
    const child = spawn(process.execPath, [...profile, this.script], {
      cwd: repoRoot(),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    ServiceProcess.running.add(this);
    child.once('exit', () => ServiceProcess.running.delete(this));
    const onData = (chunk: Buffer) => (this.output += chunk.toString('utf8'));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const started = Date.now();
    while (!ready.test(this.output)) {
      if (child.exitCode !== null)
        throw new Error(
          `${this.name} exited with ${child.exitCode} before it was ready:\n${this.output}`,
        );
      if (Date.now() - started > timeoutMs)
        throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.output}`);
      await sleep(50);
    }
  }

  static async stopAll(): Promise<void> {
    await Promise.all([...ServiceProcess.running].map((p) => p.stop()));
  }

  /** SIGTERM, then SIGKILL after 10 s; a no-op when it is not running. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  }
}
