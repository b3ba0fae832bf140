import { ConfigurationError } from '@greenops/config';
import {
  ApiKeyStore,
  isEmbeddedDataDir,
  openEmbeddedTimescale,
  openPostgres,
  type DatabaseHandle,
} from '@greenops/persistence';
import type { KeyStoreTarget } from './key-store-target';

export interface OpenedKeyStore {
  keys: ApiKeyStore;
  close(): Promise<void>;
}

/**
 * Opens the key store, running pending migrations like every service does at start-up. An
 * embedded data dir must already exist: a typo in GREENOPS_DATA_DIR must not silently create
 * an empty database that no platform reads. Throws ConfigurationError for that case,
 * DataDirLockedError while the platform runs, and the driver's error when the database does
 * not answer.
 */
export async function openKeyStore(target: KeyStoreTarget): Promise<OpenedKeyStore> {
  let db: DatabaseHandle;
  if (target.mode === 'distributed') {
    db = await openPostgres(target.databaseUrl, { poolSize: 1 });
  } else {
    if (!isEmbeddedDataDir(target.dataDir)) {
      throw new ConfigurationError([
        `GREENOPS_DATA_DIR: ${target.dataDir} holds no embedded GreenOps database. Start the ` +
          `platform once (npm start) to create it, point GREENOPS_DATA_DIR at its data folder, ` +
          `or set GREENOPS_DATABASE_URL for distributed mode`,
      ]);
    }
    db = await openEmbeddedTimescale({ dataDir: target.dataDir, owner: 'greenops keys' });
  }
  return { keys: new ApiKeyStore(db), close: () => db.close() };
}
