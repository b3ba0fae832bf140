import type { ConsumerStatus, PartitionLag } from '@greenops/messaging';

/** What GET /status answers and what the instance reports to projector_instances. */
export interface ProjectorStatus extends ConsumerStatus {
  instanceId: string;
  host: string;
  startedAt: string;
  /** Owned partitions with their lag; `lag` null when it could not be read (`lagError` says why). */
  partitionLag: Array<
    Omit<PartitionLag, 'lag' | 'highWatermark'> & {
      lag: number | null;
      highWatermark: string | null;
    }
  >;
  lagError: string | null;
}

/** The live consumer as the status needs it (KafkaEventLogConsumer). */
export interface StatusSource {
  status(): ConsumerStatus;
  lag(): Promise<PartitionLag[]>;
}

/** Time allowed to read the lag from the broker; beyond it the status answers without lag. */
export const LAG_TIMEOUT_MS = 2000;

/** One status snapshot: membership from the consumer, lag from the broker (bounded in time). */
export async function projectorStatus(
  source: StatusSource,
  identity: { instanceId: string; host: string; startedAt: Date },
): Promise<ProjectorStatus> {
  const consumer = source.status();
  let lagError: string | null = null;
  let lags: PartitionLag[] | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    lags = await Promise.race([
      source.lag(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer from Kafka within ${LAG_TIMEOUT_MS} ms`)),
          LAG_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    lagError = (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
  const partitionLag = consumer.partitions.map(
    (partition) =>
      lags?.find((l) => l.partition === partition) ?? {
        partition,
        committedOffset: null,
        highWatermark: null,
        lag: null,
      },
  );
  return {
    ...consumer,
    instanceId: identity.instanceId,
    host: identity.host,
    startedAt: identity.startedAt.toISOString(),
    partitionLag,
    lagError,
  };
}

/** The status before the live consumer exists (start-up, waiting for the broker). */
export function startingStatus(
  group: string,
  identity: { instanceId: string; host: string; startedAt: Date },
): ProjectorStatus {
  return {
    group,
    topic: '',
    memberId: null,
    state: 'joining',
    partitions: [],
    lastFetchAt: null,
    lastCrash: null,
    instanceId: identity.instanceId,
    host: identity.host,
    startedAt: identity.startedAt.toISOString(),
    partitionLag: [],
    lagError: null,
  };
}
