import type { LogRecord } from '@greenops/contracts';
import type { EmbeddedLogTable } from './embedded-event-log.table';
import { EventLogUnavailableError, type EventLogPublisher } from './event-log.port';

/** Embedded mode: the event log is a table in the embedded database; one append = one transaction. */
export class EmbeddedEventLogPublisher implements EventLogPublisher {
  constructor(private readonly table: EmbeddedLogTable) {}

  async publish(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.table.append(records);
    } catch (error) {
      throw new EventLogUnavailableError(
        `embedded event log append failed: ${(error as Error).message}`,
        error,
      );
    }
  }

  async close(): Promise<void> {
    // The table's database is owned by the launcher.
  }
}
