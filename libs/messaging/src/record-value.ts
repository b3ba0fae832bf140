import type { UnparseableRecord } from '@greenops/contracts';

/** A record whose bytes are not JSON becomes an UnparseableRecord, which the consumer reports by name. */
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
