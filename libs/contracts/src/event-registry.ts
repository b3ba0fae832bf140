import { z } from 'zod';
import type { EventContract, EventVersion } from './event-contract';
import { schemaAcceptor, type SchemaAcceptor } from './schema-acceptor';
import { isUnparseableRecord } from './unparseable-record';

/** What every registered event has: the contract it follows. */
export interface TypedRecord {
  type: string;
  version: number;
}

/** A record checked against its contract, or the field at fault and why. */
export type ParsedLogRecord<TEvent> =
  { ok: true; event: TEvent } | { ok: false; field: string; reason: string };

/** Where a checked event goes: its topic, its key and, when the producer chose one, its partition. */
export type CheckedEvent<TEvent> =
  | { ok: true; event: TEvent; topic: string; key: string; partition?: number }
  | { ok: false; field: string; reason: string };

export interface PlacementOptions {
  /**
   * The topic to write to when not the type's own: the topic a consumer reads (a rebuild fence
   * goes to the topic being rebuilt) or a test's own topic. A registered topic only takes the
   * types registered on it.
   */
  topic?: string;
  /** An explicit partition (rebuild fences); otherwise the log chooses one by key. */
  partition?: number;
}

/** Records on these topics that name no type are of this type and version. */
export type UntypedRecords = Readonly<Record<string, { type: string; version: number }>>;

function failure(field: string, reason: string): { ok: false; field: string; reason: string } {
  return { ok: false, field, reason };
}

function fromZodError(
  error: z.ZodError,
  prefix = '',
): { ok: false; field: string; reason: string } {
  const issue = error.issues[0];
  return failure(issue.path.join('.') || '(record)', `${prefix}${issue.message}`);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every event that travels on the log, by type and version, in one place
 * (docs/architecture.md, "Event contracts"). Consumers read a record with `parse`, which names
 * the field at fault or returns the event in its current version (older versions upcast).
 * Producers check an event with `check` before it is published (through `LogRecord.encode`).
 *
 * `current` is the discriminated union (on `type`) of every type's current schema: the events
 * consumers receive are exactly its parsed output, so their TypeScript type is derived from it.
 */
export class EventRegistry<TEvent extends TypedRecord> {
  private readonly contracts = new Map<string, EventContract<TEvent>>();
  private readonly topics = new Set<string>();
  /** Accepts a valid event in its current version without zod's copy (schema-acceptor.ts). */
  private readonly currentAccepts: SchemaAcceptor;

  constructor(
    private readonly current: z.ZodType<TEvent, z.ZodTypeDef, unknown>,
    contracts: { readonly [T in TEvent['type']]: EventContract<Extract<TEvent, { type: T }>> },
    private readonly untypedRecords: UntypedRecords = {},
  ) {
    if (!(current instanceof z.ZodDiscriminatedUnion)) {
      throw new Error(
        'the registry needs a discriminated union (on `type`) of the current schemas',
      );
    }
    const entries: Array<[string, EventContract<TEvent>]> = Object.entries(contracts);
    for (const [type, contract] of entries) {
      const numbers = contract.versions.map((v) => v.version);
      if (numbers.length === 0 || numbers.some((n, i) => n !== i + 1)) {
        throw new Error(
          `${type}: versions must be 1, 2, 3 … in order, got [${numbers.join(', ')}]`,
        );
      }
      if (current.optionsMap.get(type) !== contract.versions[contract.versions.length - 1].schema) {
        throw new Error(`${type}: the union's schema must be the last registered version's`);
      }
      this.contracts.set(type, contract);
      this.topics.add(contract.topic);
    }
    if (current.optionsMap.size !== this.contracts.size) {
      throw new Error('every type of the union needs a contract');
    }
    this.currentAccepts = schemaAcceptor(current);
  }

  /** The registered types, with their topic and versions (for the compatibility check). */
  entries(): Array<{ type: string; topic: string; versions: readonly EventVersion[] }> {
    return [...this.contracts].map(([type, c]) => ({ type, topic: c.topic, versions: c.versions }));
  }

  /** Type and version of records on `topic` that name neither, if the topic has such records. */
  untypedOn(topic: string): { type: string; version: number } | undefined {
    return Object.prototype.hasOwnProperty.call(this.untypedRecords, topic)
      ? this.untypedRecords[topic]
      : undefined;
  }

  /**
   * Reads one consumed record. A registered topic carries only the types registered on it;
   * another topic (a test's own) is read by the record's type alone. The result is the event in
   * its type's current version, or the first field at fault and the reason.
   */
  parse(topic: string, value: unknown): ParsedLogRecord<TEvent> {
    if (isUnparseableRecord(value)) return failure('(record)', value.reason);
    if (!isJsonObject(value)) return failure('(record)', 'must be a JSON object');
    const untyped = value.type === undefined ? this.untypedOn(topic) : undefined;
    const record = untyped ? { ...value, ...untyped } : value;
    const located = this.locate(topic, record);
    if (!located.ok) return located;
    const { contract, index } = located;
    const last = contract.versions.length - 1;
    if (index === last) {
      if (this.currentAccepts(record)) return { ok: true, event: record as TEvent };
      const parsed = this.current.safeParse(record);
      return parsed.success ? { ok: true, event: parsed.data } : fromZodError(parsed.error);
    }
    const parsed = contract.versions[index].schema.safeParse(record);
    if (!parsed.success) return fromZodError(parsed.error);
    let older: unknown = parsed.data;
    for (let i = index + 1; i < last; i++) {
      const input = upcastInput(contract.versions[i], older);
      if (!input.ok) return input;
      const step = contract.versions[i].schema.safeParse(input.value);
      if (!step.success)
        return fromZodError(step.error, `after upcasting from version ${index + 1} to ${i + 1}: `);
      older = step.data;
    }
    const input = upcastInput(contract.versions[last], older);
    if (!input.ok) return input;
    const event = this.current.safeParse(input.value);
    return event.success
      ? { ok: true, event: event.data }
      : fromZodError(event.error, `after upcasting from version ${index + 1} to ${last + 1}: `);
  }

  /**
   * Checks an event a producer is about to publish: it must be its type's current version and
   * satisfy its schema. Returns the event as the schema parsed it (what gets published), with
   * its topic and key, or the field at fault.
   */
  check(event: TEvent, options: PlacementOptions = {}): CheckedEvent<TEvent> {
    const contract = this.contracts.get(event.type);
    if (!contract) return failure('type', `"${event.type}" is not a registered event type`);
    const currentVersion = contract.versions.length;
    if (event.version !== currentVersion) {
      return failure(
        'version',
        `producers write the current version of ${event.type} (${currentVersion}), got ${event.version}`,
      );
    }
    const topic = options.topic ?? contract.topic;
    if (this.topics.has(topic) && topic !== contract.topic) {
      return failure('(topic)', `${event.type} travels on ${contract.topic}, not on ${topic}`);
    }
    let checked: TEvent = event;
    if (!this.currentAccepts(event)) {
      const parsed = this.current.safeParse(event);
      if (!parsed.success) return fromZodError(parsed.error);
      checked = parsed.data;
    }
    const placed = {
      ok: true as const,
      event: checked,
      topic,
      key: contract.partitionKey(checked),
    };
    return options.partition === undefined ? placed : { ...placed, partition: options.partition };
  }

  private locate(
    topic: string,
    record: Record<string, unknown>,
  ):
    | { ok: true; contract: EventContract<TEvent>; index: number }
    | { ok: false; field: string; reason: string } {
    const type = record.type;
    if (type === undefined) return failure('type', 'Required');
    if (typeof type !== 'string') return failure('type', `must be a string, got ${typeof type}`);
    const contract = this.contracts.get(type);
    const registeredTopic = this.topics.has(topic);
    if (!contract || (registeredTopic && contract.topic !== topic)) {
      const known = [...this.contracts]
        .filter(([, c]) => !registeredTopic || c.topic === topic)
        .map(([t]) => t);
      return failure(
        'type',
        `"${type}" is not an event type ${registeredTopic ? `of ${topic}` : 'of the registry'} (registered: ${known.join(', ')})`,
      );
    }
    const index = contract.versions.findIndex((v) => v.version === record.version);
    if (index < 0) {
      return failure(
        'version',
        `${JSON.stringify(record.version) ?? 'undefined'} is not a registered version of ${type} (registered: ${contract.versions.map((v) => v.version).join(', ')})`,
      );
    }
    return { ok: true, contract, index };
  }
}

/** The next version's input from a record of the version before: its upcast, or the record as it is. */
function upcastInput(
  to: EventVersion,
  previous: unknown,
): { ok: true; value: unknown } | { ok: false; field: string; reason: string } {
  try {
    if (to.upcast) return { ok: true, value: to.upcast(previous) };
    return {
      ok: true,
      value: isJsonObject(previous) ? { ...previous, version: to.version } : previous,
    };
  } catch (error) {
    return failure(
      '(record)',
      `upcasting to version ${to.version} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
