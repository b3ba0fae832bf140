import { PersistenceError } from './persistence-error';

/** Bad input to a store or query: names the field and the reason instead of failing in SQL. */
export class PersistenceInputError extends PersistenceError {
  readonly code = 'INVALID_INPUT' as const;

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'PersistenceInputError';
  }
}
