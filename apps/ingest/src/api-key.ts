/** Header values as Node gives them (HTTP) or as read from gRPC metadata. */
export interface CredentialHeaders {
  authorization?: string | string[];
  'x-api-key'?: string | string[];
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The API key from `Authorization: Bearer <key>` or `x-api-key: <key>`; undefined when neither. */
export function extractApiKey(headers: CredentialHeaders): string | undefined {
  const authorization = first(headers.authorization)?.trim();
  const bearer = authorization ? /^bearer\s+(\S+)$/i.exec(authorization) : null;
  if (bearer) return bearer[1];
  const apiKey = first(headers['x-api-key'])?.trim();
  return apiKey ? apiKey : undefined;
}
