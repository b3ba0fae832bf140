import { randomBytes } from 'node:crypto';

// Time first so names sort by creation; random suffix so parallel runs never collide.
function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** A Kafka topic name no other test uses: `<prefix>-<time><random>` (legal topic characters only). */
export function uniqueTopic(prefix: string): string {
  const clean = prefix.replace(/[^a-zA-Z0-9._-]/g, '-').slice(0, 200) || 'test';
  return `${clean}-${uniqueSuffix()}`;
}

/** A PostgreSQL database name no other test uses: lower-case `[a-z0-9_]`, at most 63 bytes. */
export function uniqueDatabaseName(prefix: string): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, 40) || 'test';
  return `${clean}_${uniqueSuffix()}`;
}
