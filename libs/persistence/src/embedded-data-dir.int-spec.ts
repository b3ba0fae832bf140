import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore } from './api-key-store';
import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { EventLogTable } from './event-log-table';
import { openEmbeddedTimescale } from './open-embedded-timescale';
import { renderFact } from './testing/fact-fixture';

describe('embedded TimescaleDB persisted to a dataDir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reopens with facts, artifacts, offsets, keys, log and aggregate intact', async () => {
    let started = Date.now();
    const first = await openEmbeddedTimescale({ dataDir });
    const createMs = Date.now() - started;
    try {
      await new EmissionStore(first).commitBatch({
        facts: [
          renderFact({
            tenant: 'acme',
            projectId: 'p1',
            occurredAt: '2026-03-01T10:00:00Z',
            energyKwh: 2,
            artifactId: 'clip-1',
          }),
          renderFact({
            tenant: 'acme',
            projectId: 'p1',
            occurredAt: '2026-03-20T10:00:00Z',
            energyKwh: 1,
            artifactId: 'clip-1',
          }),
        ],
        artifacts: [
          {
            tenant: 'acme',
            projectId: 'p1',
            artifactId: 'clip-1',
            parentId: 'shot-1',
            seenAt: '2026-03-01T10:00:00Z',
          },
        ],
        offsets: [
          { group: 'projector', topic: 'greenops.activities.v1', partition: 0, nextOffset: '42' },
        ],
      });
      // Materialise the aggregate before closing, so the reopen reads persisted buckets.
      await new EmissionQueries(first).dailyProjectTotals('acme', 'p1', '2026-03-01', '2026-04-01');
      await new ApiKeyStore(first).ensureTenant('acme');
      await new ApiKeyStore(first).addKey('acme', 'gk_live_persisted_key_0123456789');
      await new EventLogTable(first).append([{ topic: 't', key: 'k', value: { hello: 'world' } }]);
    } finally {
      await first.close();
    }

    started = Date.now();
    const second = await openEmbeddedTimescale({ dataDir });
    const reopenMs = Date.now() - started;
    console.log(`[timing] embedded dataDir: first open ${createMs} ms, reopen ${reopenMs} ms`);
    try {
      expect(second.capabilities.timescale).toBe(true);
      const queries = new EmissionQueries(second);
      // 2 kWh + 1 kWh = 3 kWh × 100 g/kWh = 300 g; both facts feed shot-1 through clip-1.
      expect((await queries.projectTotals('acme', 'p1'))!.co2eG).toBeCloseTo(300, 9);
      expect((await queries.artifactTotals('acme', 'p1', 'shot-1')).activityCount).toBe(2);
      expect(
        await new EmissionStore(second).nextOffsets('projector', 'greenops.activities.v1'),
      ).toEqual(new Map([[0, '42']]));
      expect(await new ApiKeyStore(second).resolveTenant('gk_live_persisted_key_0123456789')).toBe(
        'acme',
      );
      expect(
        (await new EventLogTable(second).readAfter('t', null, 10)).map((r) => r.value),
      ).toEqual([{ hello: 'world' }]);
      // The two facts are 19 days apart: different 7-day chunks of the hypertable.
      const chunks: Array<{ n: number }> = await second.dataSource.query(
        `select count(*)::int as n from timescaledb_information.chunks where hypertable_name = $1`,
        ['emission_facts'],
      );
      expect(chunks[0].n).toBe(2);
      // 2 kWh × 100 = 200 g on 03-01; 1 kWh × 100 = 100 g on 03-20.
      expect(await queries.dailyProjectTotals('acme', 'p1', '2026-03-01', '2026-04-01')).toEqual([
        { day: '2026-03-01', co2eG: 200, energyKwh: 2 },
        { day: '2026-03-20', co2eG: 100, energyKwh: 1 },
      ]);
      // Writing after a reopen (what a restarted projector does) lands in the hypertable:
      // 0.5 kWh × 100 = 50 g into the existing 03-01 chunk → 250 g that day; 300 + 50 = 350 g.
      const more = await new EmissionStore(second).commitBatch({
        facts: [
          renderFact({
            tenant: 'acme',
            projectId: 'p1',
            occurredAt: '2026-03-01T12:00:00Z',
            energyKwh: 0.5,
          }),
        ],
        artifacts: [],
        offsets: [],
      });
      expect(more.insertedFacts).toBe(1);
      expect((await queries.projectTotals('acme', 'p1'))!.co2eG).toBeCloseTo(350, 9);
      expect(
        (await queries.dailyProjectTotals('acme', 'p1', '2026-03-01', '2026-03-02'))[0].co2eG,
      ).toBeCloseTo(250, 9);
    } finally {
      await second.close();
    }
  });
});
