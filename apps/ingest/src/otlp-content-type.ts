import { UnsupportedMediaTypeError } from './ingest-errors';

export type OtlpEncoding = 'protobuf' | 'json';

export const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Body encoding of an OTLP/HTTP request, from its Content-Type; 415 for anything else. */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding {
  const type = mediaType(contentType);
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  throw new UnsupportedMediaTypeError(
    `unsupported Content-Type "${type}" (use application/x-protobuf or application/json)`,
  );
}

/** Encoding for an error body: the request's if it is an OTLP one, JSON otherwise. */
export function responseEncodingOf(contentType: string | undefined): OtlpEncoding {
  const type = mediaType(contentType);
  return type === 'application/x-protobuf' || type === 'application/protobuf' ? 'protobuf' : 'json';
}
