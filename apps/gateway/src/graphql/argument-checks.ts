import { hasControlCharacter } from '@greenops/persistence';
import { GatewayError } from '../errors/gateway-error';

/** Longest id a query argument may carry (project ids are at most 200 at ingest too). */
export const MAX_ID_CHARS = 200;
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
/** A cursor this API issues is far shorter; anything longer is not one of ours. */
const MAX_CURSOR_CHARS = 2048;

/** An id argument: 1–200 characters, no control characters (NUL would otherwise fail in SQL). */
export function checkId(field: string, value: string): string {
  if (value.length === 0 || value.length > MAX_ID_CHARS) {
    throw GatewayError.invalidArgument(field, `must be 1–${MAX_ID_CHARS} characters`);
  }
  if (hasControlCharacter(value)) {
    throw GatewayError.invalidArgument(field, 'must not contain control characters');
  }
  return value;
}

/** Free text (names, sources, notes): bounded, and no control characters but tab and newlines. */
export function checkText(field: string, value: string, maxChars: number): string {
  if (value.length > maxChars) {
    throw GatewayError.invalidArgument(field, `must be at most ${maxChars} characters`);
  }
  if (hasControlCharacter(value.replace(/[\t\n\r]/g, ''))) {
    throw GatewayError.invalidArgument(
      field,
      'must not contain control characters (other than tab and line breaks)',
    );
  }
  return value;
}

/** Every list argument is bounded (an unbounded list is a denial-of-service vector). */
export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1) {
    throw GatewayError.invalidArgument('first', 'must be an integer ≥ 1');
  }
  return Math.min(first, MAX_PAGE_SIZE);
}

export function checkCursor(field: string, value: string): string {
  if (value.length > MAX_CURSOR_CHARS) {
    throw GatewayError.invalidArgument(field, 'is not a cursor returned by this API');
  }
  return value;
}
