/**
 * Every error the persistence layer raises on purpose carries one of these codes, so callers
 * map them exhaustively (the gateway: apps/gateway/src/errors/graphql-error-mapping.ts).
 * Anything else a query throws is a bug or an unexpected database failure.
 */
export const PERSISTENCE_ERROR_CODES = [
  'INVALID_INPUT',
  'READ_TIMEOUT',
  'DATABASE_UNAVAILABLE',
] as const;

export type PersistenceErrorCode = (typeof PERSISTENCE_ERROR_CODES)[number];

export abstract class PersistenceError extends Error {
  abstract readonly code: PersistenceErrorCode;
}

/** A read ran past the statement timeout (PostgreSQL cancelled it: SQLSTATE 57014). */
export class ReadTimeoutError extends PersistenceError {
  readonly code = 'READ_TIMEOUT' as const;

  constructor(readonly timeoutMs: number | null) {
    super(
      timeoutMs === null
        ? 'the query was cancelled by the database'
        : `the query ran longer than the read timeout of ${timeoutMs} ms`,
    );
    this.name = 'ReadTimeoutError';
  }
}

/** The database could not be reached (connection refused or lost, e.g. while it restarts). */
export class DatabaseUnavailableError extends PersistenceError {
  readonly code = 'DATABASE_UNAVAILABLE' as const;

  constructor(cause: unknown) {
    super(
      `the database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'DatabaseUnavailableError';
  }
}
