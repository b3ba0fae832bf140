import { TRUNCATION_MARKER } from './ingest-limits';

/** A UTF-16 surrogate without its partner (not valid Unicode; PostgreSQL's jsonb refuses it). */
const LONE_SURROGATE =
  '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
// C0 controls and DEL: U+0000 in particular, which PostgreSQL text and jsonb cannot hold.
const CONTROL = '[\\u0000-\\u001f\\u007f]';
const UNSTORABLE = new RegExp(`${CONTROL}|${LONE_SURROGATE}`, 'g');
const REPLACEMENT = '\ufffd';

export function hasLoneSurrogate(text: string): boolean {
  return new RegExp(LONE_SURROGATE).test(text);
}

/**
 * Free text made safe to store and show: control characters and lone surrogates become U+FFFD,
 * and text longer than `maxChars` is cut to end in TRUNCATION_MARKER, within `maxChars`, never
 * splitting a surrogate pair. Used for span names and for what a dead-letter record keeps, never
 * for identifiers (those are validated, and rejected when invalid).
 */
export function boundedText(text: string, maxChars: number): string {
  const clean = text.replace(UNSTORABLE, REPLACEMENT);
  if (clean.length <= maxChars) return clean;
  let end = maxChars - TRUNCATION_MARKER.length;
  const last = clean.charCodeAt(end - 1);
  // Do not keep the first half of a surrogate pair.
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${clean.slice(0, end)}${TRUNCATION_MARKER}`;
}
