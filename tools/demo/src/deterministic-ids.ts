import { createHash } from 'node:crypto';
import type { IdGenerator } from '@opentelemetry/sdk-trace-base';

/**
 * Trace and span ids derived from a seed and a counter: the same demo sent twice on the same
 * day carries the same ids, and the platform counts each span once.
 */
export class DeterministicIdGenerator implements IdGenerator {
  private n = 0;
  constructor(private readonly seed: string) {}

  private next(length: number): string {
    this.n += 1;
    return createHash('sha256').update(`${this.seed}:${this.n}`).digest('hex').slice(0, length);
  }

  generateTraceId(): string {
    return this.next(32);
  }

  generateSpanId(): string {
    return this.next(16);
  }
}
