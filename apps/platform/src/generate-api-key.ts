import { randomBytes } from 'node:crypto';

/** 256-bit random token; only its SHA-256 is stored. */
export function generateApiKey(): string {
  return `gok_${randomBytes(32).toString('base64url')}`;
}
