import { PersistenceInputError } from './persistence-input.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL_INT = /^(0|[1-9][0-9]{0,18})$/;
// ISO 8601 date or date-time with an explicit zone (Z or ±hh:mm), as the envelopes carry.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * C0 controls, DEL and C1 controls: never part of an identifier. (PostgreSQL text cannot hold
 * NUL at all; unchecked, it fails as a SQL error instead of naming the field.)
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

export function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new PersistenceInputError(field, 'must be a non-empty string');
  }
  if (value.includes('\u0000')) {
    throw new PersistenceInputError(field, 'must not contain the NUL character');
  }
  return value;
}

/** An id or name compared in SQL (tenant, project, artifact, kind, status): no control characters. */
export function requireIdentifier(field: string, value: unknown): string {
  const text = requireText(field, value);
  if (hasControlCharacter(text)) {
    throw new PersistenceInputError(field, 'must not contain control characters');
  }
  return text;
}

export function optionalText(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return requireText(field, value);
}

export function requireUuid(field: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new PersistenceInputError(field, 'must be a UUID');
  }
  return value;
}

/** Returns the instant in ms since the epoch. */
export function requireInstant(field: string, value: unknown): number {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    throw new PersistenceInputError(
      field,
      'must be an ISO 8601 date or date-time with a time zone',
    );
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new PersistenceInputError(field, 'is not a valid date');
  return ms;
}

export function requireFinite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new PersistenceInputError(field, 'must be a finite number');
  }
  return value;
}

/** Non-negative int64 as a decimal string (Kafka offsets, log sequence numbers). */
export function requireDecimalInt(field: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    !DECIMAL_INT.test(value) ||
    BigInt(value) > 9223372036854775807n
  ) {
    throw new PersistenceInputError(field, 'must be a non-negative int64 as a decimal string');
  }
  return value;
}

export function requireIntInRange(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new PersistenceInputError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}
