import { Client } from 'pg';
import { pgServerUrl } from './pg-server';
import { uniqueDatabaseName } from './unique-name';

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  /** Terminates every connection to the database and drops it; safe to call twice. */
  drop(): Promise<void>;
}

async function withServerClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: pgServerUrl(), connectionTimeoutMillis: 10000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a uniquely named, empty database on the test PostgreSQL server. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = uniqueDatabaseName(prefix);
  // Identifiers cannot be bind parameters; the name is [a-z0-9_] only and quoted by pg.
  // template0: template1 refuses to be copied while another test is connected to it.
  await withServerClient((c) =>
    c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE template0`),
  );
  const url = new URL(pgServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withServerClient(async (c) => {
        // WITH (FORCE) (PostgreSQL 13+) terminates the connections a test left open.
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
