import type { DatabaseHandle } from './database-handle';
import { requireDecimalInt, requireIntInRange, requireText } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';

export interface EventLogAppend {
  topic: string;
  key: string;
  value: unknown;
}

export interface EventLogEntry {
  /** bigint sequence as a decimal string. */
  seq: string;
  key: string;
  value: unknown;
}

export const MAX_READ_LIMIT = 10_000;

/**
 * Arbitrary constant. Appends take this transaction-scoped lock so sequence numbers commit in
 * order: otherwise a reader could see seq 11 committed before seq 10 and skip 10 forever.
 */
const APPEND_LOCK_KEY = 725_600_002;

const APPEND = `
  insert into event_log (topic, key, value)
  select topic, key, value::jsonb
    from unnest($1::text[], $2::text[], $3::text[]) with ordinality as r(topic, key, value, ord)
   order by ord`;

const READ_AFTER = `
  select l.seq::text as seq, l.key, l.value
    from event_log l
   where l.topic = $1 and l.seq > $2::bigint
   order by l.seq -- the bigint column, not the text alias (which would sort '10' before '2')
   limit $3`;

/** The embedded mode's durable event log (a table in the embedded TimescaleDB). */
export class EventLogTable {
  constructor(private readonly db: DatabaseHandle) {}

  /** All records or none, in the given order. */
  async append(records: EventLogAppend[]): Promise<void> {
    if (records.length === 0) return;
    const topics: string[] = [];
    const keys: string[] = [];
    const values: string[] = [];
    records.forEach((r, i) => {
      topics.push(requireText(`records[${i}].topic`, r.topic));
      if (typeof r.key !== 'string')
        throw new PersistenceInputError(`records[${i}].key`, 'must be a string');
      keys.push(r.key);
      const json = JSON.stringify(r.value);
      if (json === undefined)
        throw new PersistenceInputError(`records[${i}].value`, 'must be JSON-serialisable');
      values.push(json);
    });
    await this.db.dataSource.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      await tx.query(APPEND, [topics, keys, values]);
    });
  }

  /** Records of `topic` with seq > afterSeq (null = from the start), oldest first. */
  async readAfter(topic: string, afterSeq: string | null, limit: number): Promise<EventLogEntry[]> {
    const after = afterSeq === null ? '0' : requireDecimalInt('afterSeq', afterSeq);
    return this.db.dataSource.query(READ_AFTER, [
      requireText('topic', topic),
      after,
      requireIntInRange('limit', limit, 1, MAX_READ_LIMIT),
    ]);
  }
}
