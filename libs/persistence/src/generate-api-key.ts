import { randomBytes } from 'node:crypto';

/** 256-bit random token (`gok_` + 43 base64url characters); only its SHA-256 is stored. */
export function generateApiKey(): string {
  return `gok_${randomBytes(32).toString('base64url')}`;
}
