import { deletionCommandEventId, encodeLogRecord, type LogRecord } from '@greenops/contracts';
import type { EventLogPublisher } from '@greenops/messaging';
import type { DeletionRequestStore, DueDeletionRequest } from '@greenops/persistence';

export interface DeletionRequestDispatcherOptions {
  store: Pick<DeletionRequestStore, 'claimDue' | 'markSent'>;
  publisher: EventLogPublisher;
  /** How often due requests are looked for. */
  sweepIntervalMs: number;
  /** After an OVERDUE re-send, the next one comes this much later. */
  resendIntervalMs: number;
  /** How long a claim keeps other instances off a request: longer than a publish takes. */
  leaseMs?: number;
  /** Requests sent per sweep round; a round repeats while it finds a full batch. */
  batchSize?: number;
  warn: (line: string) => void;
  now?: () => Date;
}

/**
 * Sends deletion requests to their holders (docs/retention.md, "Enforcement"): the requests
 * table is the outbox of the commands topic. Each round claims the due requests by lease
 * (never sent yet, or OVERDUE and due for a re-send), publishes one RetentionDeletionRequested
 * (or RetentionMoveRequested) per request with its stable request id, then records the send. A sender that dies between
 * publish and record leaves the lease to expire: the request is sent again, same id (at least
 * once). Two projector instances never claim the same row at once (`for update skip locked`).
 * It runs in the projector, which owns the requests' write side; the gateway only reads.
 */
export class DeletionRequestDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: DeletionRequestDispatcherOptions) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.sweep()
        .then(() => undefined)
        .catch((error) =>
          this.options.warn(
            `retention: sending deletion requests failed, will retry: ${(error as Error).message}`,
          ),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.sweepIntervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: every due request sent once. Returns how many were sent. */
  async sweep(): Promise<number> {
    const { store, publisher } = this.options;
    const batchSize = this.options.batchSize ?? 200;
    let sent = 0;
    for (;;) {
      const now = this.options.now?.() ?? new Date();
      const due = await store.claimDue(now, this.options.leaseMs ?? 60_000, batchSize);
      if (due.length === 0) return sent;
      await publisher.publish(due.map((r) => commandRecord(r, now)));
      await store.markSent(due, now, this.options.resendIntervalMs, deletionCommandEventId);
      sent += due.length;
      if (due.length < batchSize) return sent;
    }
  }
}

/**
 * The command of one send, checked against its contract: RetentionDeletionRequested for a
 * deletion, RetentionMoveRequested for a move (a type of its own, so a holder that knows only
 * deletions passes it over).
 */
export function commandRecord(r: DueDeletionRequest, now: Date): LogRecord {
  const envelope = {
    id: deletionCommandEventId(r.requestId, r.sendNumber),
    version: 1 as const,
    tenant: r.tenant,
    projectId: r.projectId,
    occurredAt: now.toISOString(),
    recordedAt: now.toISOString(),
  };
  const common = {
    requestId: r.requestId,
    artifactId: r.artifactId,
    storageSystem: r.storageSystem,
    ...(r.uri ? { uri: r.uri } : {}),
    bytes: r.bytes,
  };
  const origin = {
    deadline: r.deadline,
    sendNumber: r.sendNumber,
    ...(r.policyId ? { policyId: r.policyId } : {}),
    ...(r.policyRef ? { policyRef: r.policyRef } : {}),
  };
  const encoded = r.move
    ? encodeLogRecord({
        ...envelope,
        type: 'RetentionMoveRequested',
        payload: { ...common, fromMedia: r.move.fromMedia, toMedia: r.move.toMedia, ...origin },
      })
    : encodeLogRecord({
        ...envelope,
        type: 'RetentionDeletionRequested',
        payload: { ...common, ...origin },
      });
  // The row was checked when it was written; a failure here is a bug, not bad input.
  if (!encoded.ok)
    throw new Error(`retention request ${r.requestId}: ${encoded.field}: ${encoded.reason}`);
  return encoded.record;
}
