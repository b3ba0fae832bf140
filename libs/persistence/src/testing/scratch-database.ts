import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// Same variable and default as tools/testing (which this adapter lib may not import: Nx
// module boundaries keep type:adapter libs off type:test ones).
const PG_URL_ENV = 'GREENOPS_TEST_PG_URL';
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withServer<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: process.env[PG_URL_ENV]?.trim() || DEFAULT_PG_URL,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named database on the test PostgreSQL server. */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  // Identifiers cannot be bind parameters; the name is [a-z0-9_] only and escaped by pg.
  await withServer((c) =>
    c.query(`create database ${c.escapeIdentifier(name)} template template0`),
  );
  const url = new URL(process.env[PG_URL_ENV]?.trim() || DEFAULT_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withServer((c) =>
        c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`),
      ).then(() => undefined),
  };
}
