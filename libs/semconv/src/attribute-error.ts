/** A span attribute (or span field) that cannot be accepted, with the reason users will read. */
export class AttributeError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'AttributeError';
  }
}

/** Renders a received value for an error message: strings quoted, long values shortened. */
export function describeValue(value: unknown): string {
  const max = 64;
  if (typeof value === 'string') {
    const shown = value.length > max ? `${value.slice(0, max)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'bigint') return `${value.toString()}`;
  return String(value);
}
