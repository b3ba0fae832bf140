import { AttributeError, describeValue } from './attribute-error';
import type { AttributeValue, Attributes } from './otlp-span';

/** Lower bound (and optional upper bound) a numeric attribute must respect. */
export interface NumberRule {
  min: number;
  /** true: value must be > min (e.g. a lifetime we divide by). */
  exclusiveMin?: boolean;
  max?: number;
  /** Counts of discrete things (tokens, frames, pixels). */
  integer?: boolean;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function ruleText(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a finite number';
  if (rule.max !== undefined) return `${kind} in [${rule.min}, ${rule.max}]`;
  return `${kind} ${rule.exclusiveMin ? '>' : '≥'} ${rule.min}`;
}

/**
 * Typed, validating access to a merged attribute map. Each accessor returns undefined when the
 * attribute is absent and throws AttributeError (naming the attribute) when it is malformed.
 * Numbers may arrive as int, double or decimal strings: OTel users often send strings.
 */
export class AttributeReader {
  constructor(private readonly attributes: Attributes) {}

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.attributes, name);
  }

  hasAny(...names: string[]): boolean {
    return names.some((n) => this.has(n));
  }

  private scalar(name: string): Exclude<AttributeValue, unknown[]> | undefined {
    if (!this.has(name)) return undefined;
    const value = this.attributes[name];
    if (Array.isArray(value))
      throw new AttributeError(name, 'must be a single value, got an array');
    return value;
  }

  /** A trimmed, non-empty string without control characters. */
  string(name: string, maxLength = 256): string | undefined {
    const value = this.scalar(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new AttributeError(name, `must be a non-empty string, got ${describeValue(value)}`);
    }
    const trimmed = value.trim();
    if (trimmed.length > maxLength) {
      throw new AttributeError(
        name,
        `must be at most ${maxLength} characters, got ${trimmed.length}`,
      );
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
      throw new AttributeError(
        name,
        `must not contain control characters, got ${describeValue(trimmed)}`,
      );
    }
    return trimmed;
  }

  /** A string matched case-insensitively, returned lower-cased. */
  lowerString(name: string, maxLength = 256): string | undefined {
    return this.string(name, maxLength)?.toLowerCase();
  }

  enumValue<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.lowerString(name);
    if (value === undefined) return undefined;
    const match = allowed.find((a) => a === value);
    if (match === undefined) {
      throw new AttributeError(
        name,
        `must be one of ${allowed.join(', ')}; got ${describeValue(value)}`,
      );
    }
    return match;
  }

  number(name: string, rule: NumberRule): number | undefined {
    const value = this.scalar(name);
    if (value === undefined) return undefined;
    let n = Number.NaN;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && DECIMAL.test(value.trim())) n = Number(value.trim());
    const ok =
      Number.isFinite(n) &&
      (rule.exclusiveMin ? n > rule.min : n >= rule.min) &&
      (rule.max === undefined || n <= rule.max) &&
      (!rule.integer || Number.isInteger(n));
    if (!ok)
      throw new AttributeError(name, `must be ${ruleText(rule)}, got ${describeValue(value)}`);
    // -0 from "-0" is still ≥ 0; normalise so JSON and equality stay boring.
    return n === 0 ? 0 : n;
  }
}
