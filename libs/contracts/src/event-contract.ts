import type { z } from 'zod';

/**
 * One version of an event type. `upcast` turns a record of the version before (as that version's
 * schema parsed it) into this version's input. Without one, the version may only add optional
 * fields to the version before, whose records are then read as they are; the compatibility test
 * (`tools/contract-check/src/compatibility.spec.ts`) holds every version to that.
 */
export interface EventVersion {
  readonly version: number;
  readonly schema: z.ZodTypeAny;
  readonly upcast?: (previous: unknown) => unknown;
}

/**
 * A registered event type (the registry keys it by its `type`): the topic it travels on, every
 * version still readable, oldest first — the last is the current one, which producers write and
 * consumers receive — and the key that orders its records (one key, one partition).
 */
export interface EventContract<TEvent> {
  readonly topic: string;
  readonly versions: readonly EventVersion[];
  partitionKey(event: TEvent): string;
}

/**
 * A typed upcast from one version to the next: `fn` gets the previous version's record as its
 * schema parsed it and returns the next version's input, which the registry then parses with
 * the next version's schema (a faulty upcast is reported like any invalid record).
 */
export function upcaster<TFrom extends z.ZodTypeAny, TTo extends z.ZodTypeAny>(
  from: TFrom,
  _to: TTo,
  fn: (previous: z.infer<TFrom>) => z.input<TTo>,
): (previous: unknown) => unknown {
  return (previous) => fn(from.parse(previous));
}
