import type { ApiKeyRole } from './api-key-role';

/**
 * No usable credential: the key is missing, unknown or revoked. OTLP answers 401 /
 * UNAUTHENTICATED, GraphQL `UNAUTHENTICATED`.
 */
export class UnauthenticatedError extends Error {
  constructor(readonly reason: 'missing' | 'unknown') {
    super(
      reason === 'missing'
        ? 'missing API key: send Authorization: Bearer <key> or x-api-key: <key>'
        : 'unknown or revoked API key',
    );
    this.name = 'UnauthenticatedError';
  }
}

/**
 * A valid key without the role the operation needs. OTLP answers 403 / PERMISSION_DENIED,
 * GraphQL `FORBIDDEN`.
 */
export class PermissionDeniedError extends Error {
  constructor(
    readonly requiredRole: ApiKeyRole,
    alternatives: readonly ApiKeyRole[] = [],
  ) {
    super(
      alternatives.length === 0
        ? `this API key lacks the '${requiredRole}' role`
        : `this API key lacks the '${requiredRole}' role (or ${alternatives.map((r) => `'${r}'`).join(', ')})`,
    );
    this.name = 'PermissionDeniedError';
  }
}

/** Every way an API-key check can fail. */
export type AuthError = UnauthenticatedError | PermissionDeniedError;
