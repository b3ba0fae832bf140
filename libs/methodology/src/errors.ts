/**
 * An activity the methodology cannot quantify. `field` is the span attribute (docs/semantic-conventions.md) that
 * is missing or wrong, so ingest/projector can reject it with a reason instead of storing NaN.
 */
export class MethodologyInputError extends Error {
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'MethodologyInputError';
    this.field = field;
    this.reason = reason;
  }
}
