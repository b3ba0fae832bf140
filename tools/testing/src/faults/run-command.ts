import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  output: string;
}

/**
 * Runs a command to completion (stdout and stderr together), without a shell. Rejects with the
 * command's output when it exits non-zero or outlives `timeoutMs`.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 120000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ code, output });
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} failed (${signal ? `signal ${signal}` : `exit ${code}`}` +
              `${signal === 'SIGKILL' ? `, or timed out after ${timeoutMs} ms` : ''}):\n${output}`,
          ),
        );
    });
  });
}

/** Whether a process with this pid exists (signal 0 probes without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
