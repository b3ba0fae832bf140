import { generateApiKey, type ApiKeyStore } from '@greenops/persistence';

/** The embedded tenant's key situation after start-up. */
export type StartupApiKey =
  /** GREENOPS_API_KEY, registered (again: registration is idempotent). */
  | { source: 'configured'; tenant: string }
  /** The tenant had no active key: one was generated, registered, and is shown this once. */
  | { source: 'generated'; tenant: string; key: string }
  /** The tenant already has active keys (shown when they were created): nothing added. */
  | { source: 'existing'; tenant: string; activeKeys: number };

/**
 * Makes sure the embedded tenant can be reached: registers GREENOPS_API_KEY when set; otherwise
 * generates a key only while the tenant has none that works (the first start of a data dir, or
 * after every key was revoked). Restarts therefore never pile up keys.
 */
export async function ensureStartupApiKey(
  keys: Pick<ApiKeyStore, 'ensureTenant' | 'addKey' | 'countActiveKeys'>,
  tenant: string,
  configuredKey: string | undefined,
): Promise<StartupApiKey> {
  await keys.ensureTenant(tenant);
  if (configuredKey !== undefined) {
    await keys.addKey(tenant, configuredKey);
    return { source: 'configured', tenant };
  }
  const activeKeys = await keys.countActiveKeys(tenant);
  if (activeKeys > 0) return { source: 'existing', tenant, activeKeys };
  const key = generateApiKey();
  await keys.addKey(tenant, key);
  return { source: 'generated', tenant, key };
}

/** The start-up banner's key lines. A key is printed only when it was just generated. */
export function describeStartupApiKey(startup: StartupApiKey, dataDir: string): string[] {
  const cli = `GREENOPS_DATA_DIR=${dataDir} npx greenops keys`;
  switch (startup.source) {
    case 'configured':
      return [`  API key    from GREENOPS_API_KEY (tenant "${startup.tenant}")`];
    case 'generated':
      return [
        `  API key    ${startup.key}`,
        `             (generated for tenant "${startup.tenant}" and shown only now: keep it. ` +
          `Set GREENOPS_API_KEY to choose your own.)`,
      ];
    case 'existing':
      return [
        `  API key    tenant "${startup.tenant}" has ${startup.activeKeys} active ` +
          `key${startup.activeKeys === 1 ? '' : 's'} (printed when created; not shown again)`,
        `             with the platform stopped: ${cli} list | ${cli} create ` +
          `--tenant ${startup.tenant} --role ingest,read`,
      ];
  }
}
