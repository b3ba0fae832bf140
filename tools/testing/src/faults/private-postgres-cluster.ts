import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command';

/** Where Debian/Ubuntu install the PostgreSQL 15 server binaries; GREENOPS_TEST_PG_BIN overrides. */
const DEFAULT_PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL cluster (initdb + pg_ctl) in a temporary folder on a port of its own,
 * for tests that stop or restart the database server: the machine's shared server is never
 * touched. Plain PostgreSQL, without TimescaleDB (a supported backend, docs/architecture.md).
 *
 * PostgreSQL refuses to run as root: as root, the cluster is created and run as the `postgres`
 * OS user through `runuser`.
 */
export class PrivatePostgresCluster {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
    private readonly asUser: string | undefined,
  ) {}

  /** Creates the cluster (trust authentication, user `postgres`) and starts it. */
  static async create(port: number): Promise<PrivatePostgresCluster> {
    const bin = process.env.GREENOPS_TEST_PG_BIN?.trim() || DEFAULT_PG_BIN;
    if (!existsSync(join(bin, 'initdb'))) {
      throw new Error(
        `no initdb in ${bin}: install PostgreSQL 15's server binaries or set GREENOPS_TEST_PG_BIN`,
      );
    }
    const asUser = userInfo().uid === 0 ? 'postgres' : undefined;
    const dir = mkdtempSync(join(tmpdir(), `greenops-faults-pg-${port}-`));
    if (asUser) {
      const { uid, gid } = await PrivatePostgresCluster.ids(asUser);
      chownSync(dir, uid, gid);
    }
    const cluster = new PrivatePostgresCluster(port, dir, bin, asUser);
    await cluster.run('initdb', [
      '-D',
      cluster.dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await cluster.start();
    return cluster;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** URL of a database on this cluster (default: the maintenance database). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    await this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      // Socket in the cluster's folder (not /var/run/postgresql), TCP on 127.0.0.1 only;
      // fsync off: throwaway data, and a stop below is always a clean one.
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /**
   * Stops the server. `fast` (default) disconnects every client and stops at once; `immediate`
   * is a crash (no checkpoint; recovery runs at the next start).
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  /** Stops the server (if running) and deletes the cluster's folder. */
  async destroy(): Promise<void> {
    await this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): Promise<unknown> {
    const command = join(this.bin, tool);
    return this.asUser
      ? runCommand('runuser', ['-u', this.asUser, '--', command, ...args], { timeoutMs: 90000 })
      : runCommand(command, args, { timeoutMs: 90000 });
  }

  private static async ids(user: string): Promise<{ uid: number; gid: number }> {
    const uid = Number((await runCommand('id', ['-u', user])).output.trim());
    const gid = Number((await runCommand('id', ['-g', user])).output.trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
      throw new Error(`running as root, but there is no '${user}' OS user to run PostgreSQL as`);
    }
    return { uid, gid };
  }
}
