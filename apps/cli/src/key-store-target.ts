import { resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv, postgresUrlField } from '@greenops/config';

/** Which database holds the keys: the distributed one, or an embedded data dir. */
export type KeyStoreTarget =
  { mode: 'distributed'; databaseUrl: string } | { mode: 'embedded'; dataDir: string };

const cliEnvSchema = z.object({
  GREENOPS_DATABASE_URL: postgresUrlField.optional(),
  // The embedded platform's default (apps/platform/src/embedded.config.ts).
  GREENOPS_DATA_DIR: z.string().min(1, 'must not be empty').default('.greenops-data'),
});

/**
 * GREENOPS_DATABASE_URL wins when set: the container image also sets GREENOPS_DATA_DIR, and a
 * distributed deployment must never fall back to an empty embedded folder.
 * Throws ConfigurationError (exit 78) listing every bad variable.
 */
export function keyStoreTarget(env: NodeJS.ProcessEnv): KeyStoreTarget {
  const parsed = parseEnv(cliEnvSchema, env);
  return parsed.GREENOPS_DATABASE_URL !== undefined
    ? { mode: 'distributed', databaseUrl: parsed.GREENOPS_DATABASE_URL }
    : { mode: 'embedded', dataDir: resolve(parsed.GREENOPS_DATA_DIR) };
}

/** For messages: where the keys are, without the password. */
export function describeTarget(target: KeyStoreTarget): string {
  if (target.mode === 'embedded') return `embedded data dir ${target.dataDir}`;
  try {
    const url = new URL(target.databaseUrl);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `database ${user}${url.host}${url.pathname}`;
  } catch {
    return 'database (GREENOPS_DATABASE_URL)';
  }
}
