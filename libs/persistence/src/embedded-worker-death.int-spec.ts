import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from './database-handle';
import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { openEmbeddedTimescale } from './open-embedded-timescale';
import { renderFact } from './testing/fact-fixture';

/**
 * The embedded database worker dies the way a hostile read made it die: a result larger than its
 * heap (here a 64 MiB heap, in which PGlite + TimescaleDB run, and 300 000 rows of 1 000
 * characters) ends the thread with ERR_WORKER_OUT_OF_MEMORY.
 */
const SMALL_HEAP = { maxOldGenerationSizeMb: 64 };
const OUTGROWS_HEAP = `select repeat('x', 1000) as x from generate_series(1, 300000)`;

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The pool reconnects on the next query; retry until the restarted worker answers. */
async function eventually<T>(work: () => Promise<T>, attempts = 50): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('embedded TimescaleDB worker death', () => {
  it('restarts the worker on the same data folder; committed data survives, the pool reconnects', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'greenops-worker-death-'));
    const restarted = deferred<{ cause: Error; restarts: number }>();
    const failed: Error[] = [];
    let db: DatabaseHandle | undefined;
    try {
      db = await openEmbeddedTimescale({
        dataDir,
        workerResourceLimits: SMALL_HEAP,
        onWorkerRestarted: (cause, restarts) => restarted.resolve({ cause, restarts }),
        onWorkerFailed: (cause) => failed.push(cause),
      });
      const store = new EmissionStore(db);
      const queries = new EmissionQueries(db);
      const fact = (energyKwh: number, occurredAt: string) =>
        renderFact({ tenant: 't', projectId: 'p', occurredAt, energyKwh });
      await store.commitBatch({
        facts: [fact(1, '2026-03-01T10:00:00Z')],
        artifacts: [],
        offsets: [],
      });

      await expect(db.dataSource.query(OUTGROWS_HEAP)).rejects.toThrow();
      const { cause, restarts } = await restarted.promise;
      expect((cause as NodeJS.ErrnoException).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
      expect(restarts).toBe(1);

      // The committed fact is still there (1 kWh × 100 g/kWh), and new writes work.
      expect((await eventually(() => queries.projectTotals('t', 'p')))?.co2eG).toBe(100);
      await store.commitBatch({
        facts: [fact(2, '2026-03-01T11:00:00Z')],
        artifacts: [],
        offsets: [],
      });
      // 1 + 2 kWh × 100 g/kWh = 300 g
      expect(await queries.projectTotals('t', 'p')).toMatchObject({ co2eG: 300, activityCount: 2 });
      expect(failed).toEqual([]);
    } finally {
      await db?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('in memory, reports the death instead of crashing or hanging', async () => {
    const failed = deferred<Error>();
    const db = await openEmbeddedTimescale({
      workerResourceLimits: SMALL_HEAP,
      onWorkerFailed: (cause) => failed.resolve(cause),
    });
    try {
      await expect(db.dataSource.query(OUTGROWS_HEAP)).rejects.toThrow();
      expect((await failed.promise).message).toMatch(
        /^the in-memory embedded TimescaleDB worker died \(ERR_WORKER_OUT_OF_MEMORY: /,
      );
      // Nothing answers any more, and says so as a typed error.
      await expect(new EmissionQueries(db).projectTotals('t', 'p')).rejects.toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
      });
    } finally {
      await db.close();
    }
  });
});
