/** An attribute value as OTLP can carry it, flattened (kvlist and bytes values are dropped). */
export type AttributeScalar = string | number | boolean;
export type AttributeValue = AttributeScalar | AttributeScalar[];

export type Attributes = Record<string, AttributeValue>;

/**
 * A span independent of its transport (OTLP protobuf, OTLP/JSON, gRPC): only what the
 * activity mapping needs. Ids are lower-case hex as received; they are validated by the mapping.
 */
export interface OtlpSpan {
  /** 32 hex chars. */
  traceId: string;
  /** 16 hex chars. */
  spanId: string;
  name: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
}
