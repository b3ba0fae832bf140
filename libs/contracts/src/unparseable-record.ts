/**
 * What a log adapter hands its consumer for a record whose bytes are not JSON (libs/messaging),
 * so that the record is reported by name like any other invalid one instead of stopping the
 * partition.
 */
export interface UnparseableRecord {
  unparseable: true;
  reason: string;
}

export function isUnparseableRecord(value: unknown): value is UnparseableRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    'unparseable' in value &&
    value.unparseable === true &&
    'reason' in value &&
    typeof value.reason === 'string'
  );
}
