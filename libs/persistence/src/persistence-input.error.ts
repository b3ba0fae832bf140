/** Bad input to a store or query: names the field and the reason instead of failing in SQL. */
export class PersistenceInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'PersistenceInputError';
  }
}
