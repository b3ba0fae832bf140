import { randomUUID } from 'node:crypto';
import {
  closeSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * One process per embedded data dir. PGlite runs PostgreSQL single-user inside this process, with
 * no shared memory or postmaster to notice a second process: two processes writing one data dir
 * corrupt it. So whoever opens it (the platform, the keys CLI) first writes this file in it.
 */
export const DATA_DIR_LOCK_FILE = 'greenops.lock';

/** The holder refreshes the file's mtime this often… */
export const LOCK_HEARTBEAT_MS = 5_000;
/**
 * …and a lock not refreshed for this long is stale whoever wrote it: its process is gone (or
 * frozen far beyond any healthy pause). This is what frees the lock of a crashed process on
 * another host or container sharing the folder, where its pid cannot be checked.
 */
export const LOCK_STALE_AFTER_MS = 60_000;

export interface DataDirLockHolder {
  pid: number;
  hostname: string;
  /** What holds it, e.g. "greenops platform" or "greenops keys". */
  owner: string;
  /** ISO 8601. */
  since: string;
  token: string;
}

/** The data dir is held by a live process: refuse rather than corrupt it. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: DataDirLockHolder | null,
    readonly refreshedAgoMs: number,
  ) {
    const who = holder
      ? `${holder.owner} (pid ${holder.pid} on host ${holder.hostname}, since ${holder.since})`
      : 'another process';
    super(
      `data dir ${dataDir} is in use by ${who}; its lock was refreshed ` +
        `${Math.round(refreshedAgoMs / 1000)} s ago. Stop that process first: one process at a ` +
        `time may open an embedded data dir. If it no longer runs, the lock goes stale ` +
        `${LOCK_STALE_AFTER_MS / 1000} s after its last refresh, or delete ${lockFile}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Stops the heartbeat and deletes the file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Lock files this process holds: a file naming our own pid that is not in here is stale. */
const heldByThisProcess = new Set<string>();

/**
 * Takes the data dir's lock or throws DataDirLockedError. The folder must exist and, for a fresh
 * one, PGlite must already have initialised it (initdb refuses a non-empty folder).
 */
export function acquireDataDirLock(dataDir: string, owner: string): DataDirLock {
  const dir = resolve(dataDir);
  const file = join(dir, DATA_DIR_LOCK_FILE);
  const holder: DataDirLockHolder = {
    pid: process.pid,
    hostname: hostname(),
    owner,
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  // Two rounds: the second follows the removal of a stale lock.
  for (let round = 0; round < 2; round++) {
    if (createExclusively(file, `${JSON.stringify(holder)}\n`)) {
      heldByThisProcess.add(file);
      return heartbeatLock(file, holder.token);
    }
    const current = readLock(file);
    if (current === 'gone') continue; // released between our attempt and our read
    if (!isStale(file, current)) {
      throw new DataDirLockedError(dir, file, current.holder, current.refreshedAgoMs);
    }
    // Best effort: two processes replacing the same stale lock in the same instant could both
    // succeed. Stale locks only follow crashes, and restarts do not race each other.
    rmSync(file, { force: true });
  }
  const current = readLock(file);
  throw new DataDirLockedError(
    dir,
    file,
    current === 'gone' ? null : current.holder,
    current === 'gone' ? 0 : current.refreshedAgoMs,
  );
}

function createExclusively(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

interface CurrentLock {
  /** null when the file cannot be parsed (being written, or damaged). */
  holder: DataDirLockHolder | null;
  refreshedAgoMs: number;
}

function readLock(file: string): CurrentLock | 'gone' {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  return { holder: parseHolder(text), refreshedAgoMs: Math.max(0, Date.now() - mtimeMs) };
}

function parseHolder(text: string): DataDirLockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<DataDirLockHolder>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.owner === 'string' &&
      typeof value.since === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as DataDirLockHolder;
    }
  } catch {
    // Unparseable: judged by its age alone (below).
    return null;
  }
  return null;
}

function isStale(file: string, current: CurrentLock): boolean {
  if (current.refreshedAgoMs > LOCK_STALE_AFTER_MS) return true;
  const holder = current.holder;
  if (!holder || holder.hostname !== hostname()) return false; // cannot check its pid from here
  // Same host: a pid that is ours but not held here was left by an earlier process that had
  // our pid (a container restarted: the platform is pid 1 again).
  if (holder.pid === process.pid) return !heldByThisProcess.has(file);
  return !processAlive(holder.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence and permission check only
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function heartbeatLock(file: string, token: string): DataDirLock {
  const timer = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // The file was deleted by hand: nothing to refresh; release() copes with its absence.
    }
  }, LOCK_HEARTBEAT_MS);
  timer.unref();
  let released = false;
  return {
    file,
    release: () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      heldByThisProcess.delete(file);
      const current = readLock(file);
      if (current !== 'gone' && current.holder?.token === token) rmSync(file, { force: true });
    },
  };
}
