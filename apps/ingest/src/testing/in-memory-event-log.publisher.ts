import type { LogRecord } from '@greenops/contracts';
import { EventLogUnavailableError, type EventLogPublisher } from '@greenops/messaging';

/**
 * Test double of our own EventLogPublisher port (not of Kafka): keeps published batches in
 * memory and can be switched to "down" to exercise the all-or-nothing contract.
 */
export class InMemoryEventLogPublisher implements EventLogPublisher {
  readonly batches: LogRecord[][] = [];
  available = true;

  get records(): LogRecord[] {
    return this.batches.flat();
  }

  async publish(records: readonly LogRecord[]): Promise<void> {
    if (!this.available) throw new EventLogUnavailableError('event log is down (test)');
    this.batches.push(records.map((r) => structuredClone(r)));
  }

  async close(): Promise<void> {
    this.batches.length = 0;
  }
}
