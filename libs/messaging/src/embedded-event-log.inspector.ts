import type { EventLogInspector } from './event-log.port';

/** The embedded log has one partition per topic: 0 (offsets are the table's sequence). */
export class EmbeddedEventLogInspector implements EventLogInspector {
  async partitions(): Promise<number[]> {
    return [0];
  }
}
