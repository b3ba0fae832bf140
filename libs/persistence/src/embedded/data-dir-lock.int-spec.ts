import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore } from '../api-key-store';
import { openEmbeddedTimescale } from '../open-embedded-timescale';
import {
  acquireDataDirLock,
  DATA_DIR_LOCK_FILE,
  DataDirLockedError,
  LOCK_STALE_AFTER_MS,
} from './data-dir-lock';

/** The pid of a process that has exited (a fresh node that did nothing). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

function writeLock(dir: string, holder: Record<string, unknown>, ageMs = 0): string {
  const file = join(dir, DATA_DIR_LOCK_FILE);
  writeFileSync(file, JSON.stringify(holder));
  const at = new Date(Date.now() - ageMs);
  utimesSync(file, at, at);
  return file;
}

const holder = (pid: number, host: string) => ({
  pid,
  hostname: host,
  owner: 'greenops platform',
  since: '2026-11-29T10:00:00.000Z',
  token: 'another-process',
});

describe('data dir lock (files on disk)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'greenops-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('one holder at a time; released, it can be taken again', () => {
    const lock = acquireDataDirLock(dir, 'greenops keys');
    const written = JSON.parse(readFileSync(lock.file, 'utf8'));
    expect(written).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      owner: 'greenops keys',
    });
    // Same process, second opener (e.g. a second platform in one test process): refused too.
    expect(() => acquireDataDirLock(dir, 'greenops platform')).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    acquireDataDirLock(dir, 'greenops platform').release();
  });

  it('refuses while a live process on this host holds it, naming the holder and the file', () => {
    // This test's parent (jest) is alive: its pid stands for a running platform.
    const file = writeLock(dir, holder(process.ppid, hostname()));
    let error: unknown;
    try {
      acquireDataDirLock(dir, 'greenops keys');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    const message = (error as Error).message;
    expect(message).toContain(`in use by greenops platform (pid ${process.ppid} on host`);
    expect(message).toContain(file);
    expect(readFileSync(file, 'utf8')).toContain('another-process'); // left untouched
  });

  it('takes over the lock of a process that has exited (a crash) on this host', () => {
    writeLock(dir, holder(deadPid(), hostname()));
    const lock = acquireDataDirLock(dir, 'greenops platform');
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('another host: held while refreshed, stale once not refreshed for the stale period', () => {
    writeLock(dir, holder(1, 'other-host'), 1_000);
    expect(() => acquireDataDirLock(dir, 'greenops keys')).toThrow(/on host other-host/);
    writeLock(dir, holder(1, 'other-host'), LOCK_STALE_AFTER_MS + 5_000);
    acquireDataDirLock(dir, 'greenops keys').release();
  });

  it('an unreadable lock file counts as held until it is stale', () => {
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), '{"pid":');
    expect(() => acquireDataDirLock(dir, 'greenops keys')).toThrow(/in use by another process/);
  });

  it('does not delete a lock that someone else replaced after ours was removed by hand', () => {
    const lock = acquireDataDirLock(dir, 'greenops keys');
    rmSync(lock.file);
    const theirs = writeLock(dir, holder(process.ppid, hostname()));
    lock.release();
    expect(readFileSync(theirs, 'utf8')).toContain('another-process');
  });
});

describe('embedded TimescaleDB holds its data dir', () => {
  const parent = mkdtempSync(join(tmpdir(), 'greenops-lock-db-'));
  const dataDir = join(parent, 'data'); // does not exist yet: a first start
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('locks a fresh data dir after initialising it, refuses a second opener, frees it on close', async () => {
    const first = await openEmbeddedTimescale({ dataDir, owner: 'greenops platform' });
    try {
      expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(true);
      await new ApiKeyStore(first).ensureTenant('acme');
      await expect(openEmbeddedTimescale({ dataDir, owner: 'greenops keys' })).rejects.toThrow(
        DataDirLockedError,
      );
      // The refused opener left the first one working.
      expect(await new ApiKeyStore(first).countActiveKeys('acme')).toBe(0);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);

    const second = await openEmbeddedTimescale({ dataDir, owner: 'greenops keys' });
    try {
      const tenants: Array<{ id: string }> =
        await second.dataSource.query('select id from tenants');
      expect(tenants).toEqual([{ id: 'acme' }]);
    } finally {
      await second.close();
    }
  });
});
