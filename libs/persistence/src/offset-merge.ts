import { requireDecimalInt, requireIntInRange, requireText } from './input-checks';

export interface ConsumerOffsetInput {
  group: string;
  topic: string;
  partition: number;
  /** int64 decimal string: the offset of the next record to consume. */
  nextOffset: string;
}

/** One row per (group, topic, partition), the highest offset winning; validated. */
export function mergeOffsets(offsets: readonly ConsumerOffsetInput[]): ConsumerOffsetInput[] {
  const byKey = new Map<string, ConsumerOffsetInput>();
  offsets.forEach((o, i) => {
    const at = (field: string) => `offsets[${i}].${field}`;
    const row: ConsumerOffsetInput = {
      group: requireText(at('group'), o.group),
      topic: requireText(at('topic'), o.topic),
      partition: requireIntInRange(at('partition'), o.partition, 0, 2_147_483_647),
      nextOffset: requireDecimalInt(at('nextOffset'), o.nextOffset),
    };
    const key = JSON.stringify([row.group, row.topic, row.partition]);
    const prev = byKey.get(key);
    if (!prev || BigInt(row.nextOffset) > BigInt(prev.nextOffset)) byKey.set(key, row);
  });
  return [...byKey.values()];
}
