import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A throwaway database `bench_<timestamp>_<random>` on the PostgreSQL server, dropped at the end. */
export class BenchDatabase {
  private created = false;

  private constructor(
    private readonly serverUrl: string,
    readonly name: string,
  ) {}

  static named(serverUrl: string, now: Date = new Date()): BenchDatabase {
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14); // YYYYMMDDhhmmss
    return new BenchDatabase(serverUrl, `bench_${stamp}_${randomBytes(3).toString('hex')}`);
  }

  /** A bench database left by an interrupted run (name checked: bench_ and [a-z0-9_] only). */
  static existing(serverUrl: string, name: string): BenchDatabase {
    if (!/^bench_[a-z0-9_]+$/.test(name))
      throw new Error(`--database: not a bench database: ${name}`);
    const database = new BenchDatabase(serverUrl, name);
    database.created = true;
    return database;
  }

  get url(): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  async create(): Promise<void> {
    // Identifiers cannot be bind parameters: the name is [a-z0-9_] only and quoted by pg.
    await this.withServer((c) =>
      c.query(`create database ${c.escapeIdentifier(this.name)} template template0`),
    );
    this.created = true;
  }

  /** Terminates leftover connections (WITH FORCE, PostgreSQL 13+) and drops the database. */
  async drop(): Promise<void> {
    if (!this.created) return;
    this.created = false;
    await this.withServer((c) =>
      c.query(`drop database if exists ${c.escapeIdentifier(this.name)} with (force)`),
    );
  }

  private async withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.serverUrl, connectionTimeoutMillis: 10000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}
