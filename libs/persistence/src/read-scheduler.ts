import { QueryFailedError } from 'typeorm';
import { DatabaseUnavailableError, ReadTimeoutError } from './persistence-error';

/**
 * How the read side (EmissionQueries) gets the database: embedded mode queues reads behind
 * writes on its one connection (ReadGate); a PostgreSQL server runs them directly
 * (docs/architecture.md, "Reads and writes on one connection").
 */
export interface ReadScheduler {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** Reads straight to the pool: a PostgreSQL server has a connection per concurrent request. */
export class DirectReads implements ReadScheduler {
  constructor(private readonly statementTimeoutMs: number | null = null) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw typedReadError(error, this.statementTimeoutMs);
    }
  }
}

// SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, starting up).
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123])/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
// node-postgres raises these without a code when the socket closes under a query.
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable/;

/**
 * The driver reports a cancelled statement or a lost connection only by SQLSTATE, errno or
 * message; this is the one place that reads those shapes and turns them into typed errors.
 * Anything else is returned as it is (a bug, or an error the caller reports as internal).
 */
export function typedReadError(error: unknown, statementTimeoutMs: number | null): unknown {
  const driver: unknown = error instanceof QueryFailedError ? error.driverError : error;
  const code =
    typeof driver === 'object' && driver !== null && 'code' in driver ? driver.code : undefined;
  if (code === '57014') return new ReadTimeoutError(statementTimeoutMs);
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)))
    return new DatabaseUnavailableError(driver);
  if (driver instanceof Error && code === undefined && UNAVAILABLE_MESSAGE.test(driver.message))
    return new DatabaseUnavailableError(driver);
  return error;
}
