import { DEFAULT_PG_URL, PG_URL_ENV } from './test-env';

/** Connection URL of the test PostgreSQL server's maintenance database. */
export function pgServerUrl(): string {
  const url = process.env[PG_URL_ENV]?.trim();
  return url ? url : DEFAULT_PG_URL;
}
