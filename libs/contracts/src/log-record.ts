import type { EventRegistry, PlacementOptions, TypedRecord } from './event-registry';

export type EncodedLogRecord<TEvent> =
  { ok: true; record: LogRecord<TEvent> } | { ok: false; field: string; reason: string };

/**
 * A record ready for the log: an event checked against its contract, with its topic, its key
 * and, when the producer chose one, its partition. Only `LogRecord.encode` makes one, and the
 * publisher port (libs/messaging `EventLogPublisher`) takes nothing else: whatever reaches the
 * log went through its contract (docs/architecture.md, "Event contracts").
 */
export class LogRecord<TEvent = unknown> {
  /** Makes the class nominal: an object literal of the same shape is not a LogRecord. */
  declare private readonly checkedAgainstContract: true;
  readonly partition?: number;

  private constructor(
    readonly topic: string,
    readonly key: string,
    readonly value: TEvent,
    partition: number | undefined,
  ) {
    if (partition !== undefined) this.partition = partition;
  }

  /** Checks `event` against its contract (`EventRegistry.check`) and places it. */
  static encode<TEvent extends TypedRecord>(
    registry: EventRegistry<TEvent>,
    event: TEvent,
    options?: PlacementOptions,
  ): EncodedLogRecord<TEvent> {
    const checked = registry.check(event, options);
    if (!checked.ok) return checked;
    return {
      ok: true,
      record: new LogRecord(checked.topic, checked.key, checked.event, checked.partition),
    };
  }
}
