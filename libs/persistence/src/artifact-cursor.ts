import { PersistenceInputError } from './persistence-input.error';

/** Where the next page starts: after `afterId`, and — for a cut id — past every id it begins. */
export interface ArtifactCursorPosition {
  afterId: string;
  /** `afterId` is the prefix of an id too long to carry whole (see MAX_RETURNED_ID_CHARS). */
  prefixOnly: boolean;
}

/**
 * Opaque keyset cursor over artifact ids: base64url of a versioned JSON tuple. 'a1' carries
 * the whole id; 'a2' the prefix of an id longer than a returned id may be, so that no cursor
 * is larger than the bound on returned texts.
 */
export function encodeArtifactCursor(position: ArtifactCursorPosition): string {
  const tuple = [position.prefixOnly ? 'a2' : 'a1', position.afterId];
  return Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');
}

export function decodeArtifactCursor(field: string, cursor: string): ArtifactCursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    (parsed[0] !== 'a1' && parsed[0] !== 'a2') ||
    typeof parsed[1] !== 'string'
  ) {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  return { afterId: parsed[1], prefixOnly: parsed[0] === 'a2' };
}
