import type { DatabaseHandle } from '../database-handle';
import { openEmbeddedTimescale } from '../open-embedded-timescale';
import { openPostgres } from '../open-postgres';
import { createScratchDatabase } from './scratch-database';

/**
 * A backend the integration suites run against; each test file opens its own. Every
 * persistence suite runs on all three: the embedded TimescaleDB (the default embedded engine),
 * the official PGlite build (the fallback engine, plain-PostgreSQL schema, docs/supply-chain.md)
 * and a PostgreSQL server without TimescaleDB.
 */
interface TestBackend {
  name: string;
  expectTimescale: boolean;
  open(): Promise<OpenedBackend>;
}

export interface OpenedBackend {
  db: DatabaseHandle;
  openMs: number;
  dispose(): Promise<void>;
}

export const BACKENDS: TestBackend[] = [
  {
    name: 'embedded TimescaleDB (PGlite, in-memory)',
    expectTimescale: true,
    async open() {
      const started = Date.now();
      const db = await openEmbeddedTimescale({ engine: 'timescale' });
      return { db, openMs: Date.now() - started, dispose: () => db.close() };
    },
  },
  {
    name: 'embedded plain PGlite (official build, in-memory)',
    expectTimescale: false,
    async open() {
      const started = Date.now();
      const db = await openEmbeddedTimescale({ engine: 'pglite' });
      return { db, openMs: Date.now() - started, dispose: () => db.close() };
    },
  },
  {
    name: 'PostgreSQL 15 server (plain)',
    expectTimescale: false,
    async open() {
      const database = await createScratchDatabase('persistence');
      const started = Date.now();
      let db: DatabaseHandle;
      try {
        db = await openPostgres(database.url, { poolSize: 4 });
      } catch (error) {
        await database.drop();
        throw error;
      }
      const openMs = Date.now() - started;
      return {
        db,
        openMs,
        dispose: async () => {
          await db.close();
          await database.drop();
        },
      };
    },
  },
];
