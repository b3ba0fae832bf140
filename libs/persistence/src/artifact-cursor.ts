import { PersistenceInputError } from './persistence-input.error';

/** Opaque keyset cursor over artifact ids: base64url of a versioned JSON tuple. */
export function encodeArtifactCursor(artifactId: string): string {
  return Buffer.from(JSON.stringify(['a1', artifactId]), 'utf8').toString('base64url');
}

export function decodeArtifactCursor(field: string, cursor: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    parsed[0] !== 'a1' ||
    typeof parsed[1] !== 'string'
  ) {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  return parsed[1];
}
