import { typedReadError, type ReadScheduler } from '../read-scheduler';

/** What the gate needs to know of the one connection everybody shares. */
export interface ConnectionActivity {
  /** True while the connection is checked out or callers (writes) wait for it. */
  busy(): boolean;
  /** Called after the connection has been returned (the state may still change before the next tick). */
  onReleased(listener: () => void): void;
}

const RECHECK_MS = 20;

/**
 * Priority gate in front of embedded mode's single database connection (docs/architecture.md,
 * "Reads and writes on one connection"). Writes (ingest appends, projector commits, key
 * lookups) go straight to the pool and queue there in arrival order. Reads wait here, not in
 * the pool: one read at a time, admitted only while the connection is idle and no write waits.
 * So a write waits for at most the one read in flight, however many reads are queued; and the
 * pool's own queue never holds more than one read.
 */
export class ReadGate implements ReadScheduler {
  private readonly waiting: Array<() => void> = [];
  private inFlight = false;
  private recheck: NodeJS.Timeout | undefined;

  constructor(private readonly connection: ConnectionActivity) {
    // The pool hands a released connection to a waiting write synchronously; look after that.
    connection.onReleased(() => setImmediate(() => this.pump()));
  }

  /** Reads waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await new Promise<void>((admit) => {
      this.waiting.push(admit);
      this.pump();
    });
    try {
      return await work();
    } catch (error) {
      throw typedReadError(error, null);
    } finally {
      this.inFlight = false;
      this.pump();
    }
  }

  private pump(): void {
    if (this.inFlight || this.waiting.length === 0) return;
    if (this.connection.busy()) {
      // A release event normally wakes the gate; the timer covers a connection that goes away
      // without one (a failed connect).
      this.recheck ??= setTimeout(() => {
        this.recheck = undefined;
        this.pump();
      }, RECHECK_MS).unref();
      return;
    }
    this.inFlight = true;
    this.waiting.shift()!();
  }
}
