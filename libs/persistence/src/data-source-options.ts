import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Options shared by both backends: pg driver, hand-written migrations, never synchronize. */
export function baseDataSourceOptions(): Pick<
  PostgresConnectionOptions,
  | 'type'
  | 'entities'
  | 'migrations'
  | 'synchronize'
  | 'migrationsRun'
  | 'installExtensions'
  | 'logging'
> {
  return {
    type: 'postgres',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // Extensions are the migrations' business (TimescaleDB only when available).
    installExtensions: false,
    logging: false,
  };
}
