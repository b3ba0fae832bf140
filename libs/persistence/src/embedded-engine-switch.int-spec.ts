import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedTimescale } from './open-embedded-timescale';

// GREENOPS_EMBEDDED_ENGINE on an existing data folder (docs/supply-chain.md).
describe('switching the embedded engine on an existing data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'greenops-engine-switch-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a TimescaleDB folder on the official PGlite build, with the reason, instead of failing on a later query', async () => {
    await (await openEmbeddedTimescale({ dataDir, engine: 'timescale' })).close();
    await expect(openEmbeddedTimescale({ dataDir, engine: 'pglite' })).rejects.toThrow(
      /created by the "timescale" embedded engine; the "pglite" engine cannot read its hypertables/,
    );
  });

  it('serves a plain-PGlite folder from the TimescaleDB build on the plain schema it has', async () => {
    await (await openEmbeddedTimescale({ dataDir, engine: 'pglite' })).close();
    const db = await openEmbeddedTimescale({ dataDir, engine: 'timescale' });
    try {
      expect(db.capabilities.timescale).toBe(false);
      expect(
        await db.dataSource.query('select to_regclass($1) is not null as ok', [
          'project_daily_emissions_rollup',
        ]),
      ).toEqual([{ ok: true }]);
    } finally {
      await db.close();
    }
  });
});
