import { MethodologyInputError } from './errors';

/** Numeric guards: bad input becomes a named error, never NaN/Infinity in a result. */
export function nonNegative(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new MethodologyInputError(field, `must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

export function positive(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new MethodologyInputError(field, `must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

export function fraction(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw new MethodologyInputError(field, `must be in (0, 1], got ${String(value)}`);
  }
  return value;
}

/** A share in [0, 1] (0 allowed: e.g. a nested span that carries none of the host's embodied). */
export function fraction0(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new MethodologyInputError(field, `must be in [0, 1], got ${String(value)}`);
  }
  return value;
}

/** A count of discrete things, at least one (e.g. videos per span). */
export function atLeastOne(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new MethodologyInputError(field, `must be a whole number >= 1, got ${String(value)}`);
  }
  return value;
}

export function durationHours(durationS: number): number {
  return (nonNegative(durationS, 'span.duration') ?? 0) / 3600;
}
