/**
 * Request headers as Node's HTTP server gives them, or gRPC metadata converted to the same shape
 * (lower-case names; a repeated header is an array). Only the two credential headers are read.
 */
export type CredentialHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

function first(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

const BEARER = /^bearer\s+(\S+)$/i;

/**
 * The API key of a request: `Authorization: Bearer <key>` (scheme in any case), else
 * `x-api-key: <key>`; surrounding spaces are ignored, and a repeated header counts with its
 * first value. Undefined when neither carries a key (another scheme, such as Basic, is not a key).
 */
export function extractApiKey(headers: CredentialHeaders): string | undefined {
  const authorization = first(headers['authorization'])?.trim();
  const bearer = authorization ? BEARER.exec(authorization) : null;
  if (bearer) return bearer[1];
  const apiKey = first(headers['x-api-key'])?.trim();
  return apiKey ? apiKey : undefined;
}
