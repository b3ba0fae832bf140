import { AttributeError, describeValue } from './attribute-error';
import { ATTRIBUTE_RANGES, type NumberRule, type NumericAttribute } from './attribute-ranges';
import { hasLoneSurrogate } from './bounded-text';
import { ATTRIBUTE_STRING_MAX_CHARS } from './ingest-limits';
import type { AttributeValue, Attributes } from './otlp-span';

const hasOwn = Object.prototype.hasOwnProperty;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** 10000000 → "10,000,000"; 1e16 stays "1e+16"; fractions as JavaScript writes them. */
function readable(n: number): string {
  const text = String(n);
  return /^\d+$/.test(text) ? text.replace(/\B(?=(\d{3})+$)/g, ',') : text;
}

function ruleText(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a finite number';
  return rule.exclusiveMin
    ? `${kind} greater than ${readable(rule.min)} and at most ${readable(rule.max)}`
    : `${kind} from ${readable(rule.min)} to ${readable(rule.max)}`;
}

/**
 * Typed, validating access to a merged attribute map. Each accessor returns undefined when the
 * attribute is absent and throws AttributeError (naming the attribute) when it is malformed.
 * Numbers may arrive as int, double or decimal strings: OTel users often send strings.
 */
export class AttributeReader {
  /**
   * `attributes` override `underlying` (a span's over its resource's,
   * docs/semantic-conventions.md): read as if merged, without copying both into one object
   * for every span.
   */
  constructor(
    private readonly attributes: Attributes,
    private readonly underlying: Attributes = {},
  ) {}

  has(name: string): boolean {
    return hasOwn.call(this.attributes, name) || hasOwn.call(this.underlying, name);
  }

  hasAny(...names: string[]): boolean {
    return names.some((n) => this.has(n));
  }

  private scalar(name: string): Exclude<AttributeValue, unknown[]> | undefined {
    let value: AttributeValue;
    if (hasOwn.call(this.attributes, name)) value = this.attributes[name];
    else if (hasOwn.call(this.underlying, name)) value = this.underlying[name];
    else return undefined;
    if (Array.isArray(value))
      throw new AttributeError(name, 'must be a single value, got an array');
    return value;
  }

  /** A trimmed, non-empty string of valid Unicode without control characters. */
  string(name: string, maxLength = ATTRIBUTE_STRING_MAX_CHARS): string | undefined {
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
    // Only OTLP/JSON can carry one (a "\ud800" escape); protobuf strings are UTF-8.
    if (hasLoneSurrogate(trimmed)) {
      throw new AttributeError(name, 'must be valid Unicode text, got a lone surrogate');
    }
    return trimmed;
  }

  /** A string matched case-insensitively, returned lower-cased. */
  lowerString(name: string, maxLength = ATTRIBUTE_STRING_MAX_CHARS): string | undefined {
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

  /** A number within the attribute's plausible range (attribute-ranges.ts). */
  number(name: NumericAttribute): number | undefined {
    const rule: NumberRule = ATTRIBUTE_RANGES[name];
    const value = this.scalar(name);
    if (value === undefined) return undefined;
    let n = Number.NaN;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && DECIMAL.test(value.trim())) n = Number(value.trim());
    const ok =
      Number.isFinite(n) &&
      (rule.exclusiveMin ? n > rule.min : n >= rule.min) &&
      n <= rule.max &&
      (!rule.integer || Number.isInteger(n));
    if (!ok)
      throw new AttributeError(name, `must be ${ruleText(rule)}, got ${describeValue(value)}`);
    // -0 from "-0" is still ≥ 0; normalise so JSON and equality stay boring.
    return n === 0 ? 0 : n;
  }
}
