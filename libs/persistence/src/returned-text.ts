/**
 * Bounds on every text a read returns (docs/operations.md, "Limits"), so no stored row — even
 * one written before ingest bounded what it stores — can make an answer arbitrarily large.
 * SQL selects `substr(column, 1, max + 1)`: PostgreSQL then reads (and, for TOASTed values,
 * decompresses) only a prefix of the value, and the one character more tells that there was more.
 */
export const MAX_RETURNED_TEXT_CHARS = 1024;
/** Identifiers (ingest accepts 256 characters; anything longer is an old or foreign row). */
export const MAX_RETURNED_ID_CHARS = 512;

const ELLIPSIS = '…';

/** `substr` SQL for a column, bounded to `max` characters plus one (a constant, never input). */
export function boundedColumn(column: string, max: number): string {
  return `substr(${column}, 1, ${max + 1})`;
}

/** The text as returned: cut to `max` characters, the last one an ellipsis, when longer. */
export function boundText(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  // Never split a UTF-16 surrogate pair.
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return value.slice(0, end) + ELLIPSIS;
}

export function boundOptionalText(value: string | null, max: number): string | null {
  return value === null ? null : boundText(value, max);
}
