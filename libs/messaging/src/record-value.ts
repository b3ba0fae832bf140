/** A record whose bytes are not JSON: kept as a value the consumer's validation will reject by name. */
export interface UnparseableRecord {
  unparseable: true;
  reason: string;
}

export function parseRecordValue(bytes: Buffer | null): unknown {
  if (bytes === null)
    return { unparseable: true, reason: 'record value is null' } satisfies UnparseableRecord;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return {
      unparseable: true,
      reason: `record value is not JSON: ${(error as Error).message}`,
    } satisfies UnparseableRecord;
  }
}
