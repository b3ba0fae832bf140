/** The durable table the embedded event log lives in (implemented by libs/persistence EventLogTable). */
export interface EmbeddedLogTable {
  append(records: ReadonlyArray<{ topic: string; key: string; value: unknown }>): Promise<void>;
  readAfter(
    topic: string,
    afterSeq: string | null,
    limit: number,
  ): Promise<Array<{ seq: string; key: string; value: unknown }>>;
}
