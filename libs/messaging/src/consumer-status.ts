/** What one consumer-group member is doing (docs/operations.md, "Health and readiness"). */
export interface ConsumerStatus {
  group: string;
  topic: string;
  memberId: string | null;
  /** `consuming`: a member of the group that fetched within the last few seconds. */
  state: 'joining' | 'consuming' | 'stalled' | 'stopped';
  /** Partitions of `topic` this member owns. */
  partitions: number[];
  lastFetchAt: string | null;
  /** The last time kafkajs restarted the consumer, and why. */
  lastCrash: string | null;
}

/** One owned partition's lag: messages between the group's committed offset and the end. */
export interface PartitionLag {
  partition: number;
  /** The group's committed (next) offset; null before the group's first commit. */
  committedOffset: string | null;
  highWatermark: string;
  lag: number;
}
