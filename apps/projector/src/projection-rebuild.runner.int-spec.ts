import { EmbeddedLogHarness, gbGridFactorSet, gridTieIn } from './testing/embedded-log-harness';
import { waitFor } from '@greenops/testing';

// Hand-worked figures (docs/methodology.md §4, §6 onset.energy): a measured GB grid tie-in has
// no embodied share and no training, so CO2e = kWh × the GB grid factor in force.
//   shipped catalogue: Ember GB average via @tgwf/co2 0.19.0 = 215.79 gCO2e/kWh
//   the tenant's published set: grid.location.GB = 120 gCO2e/kWh
const SHIPPED_GB_G_PER_KWH = 215.79;
const TENANT_GB_G_PER_KWH = 120;

describe('ProjectionRebuildRunner (PostgreSQL, durable event-log table)', () => {
  let log: EmbeddedLogHarness;

  beforeAll(async () => {
    log = await EmbeddedLogHarness.open('projector_rebuild');
    await log.startProjector();
  });
  afterAll(() => log?.close());

  it("replays the tenant's log into projection v2 with its factor set, switches, and leaves other tenants alone", async () => {
    // Two tenants' activities before the publication: studio-a 2 × 1 kWh + 0.5 kWh, studio-b 4 kWh.
    const beforePublication = await log.append([
      gridTieIn('studio-a', 'stage-1', 'a000000000000001', 1, '2026-03-02T08:00:00.000Z'),
      gridTieIn('studio-a', 'stage-1', 'a000000000000002', 1, '2026-03-02T09:00:00.000Z'),
      gridTieIn('studio-a', 'stage-2', 'a000000000000003', 0.5, '2026-03-02T10:00:00.000Z'),
      gridTieIn('studio-b', 'stage-1', 'b000000000000001', 4, '2026-03-02T08:00:00.000Z'),
    ]);
    await log.projectedThrough(beforePublication);
    // v1, shipped factor: stage-1 2 kWh × 215.79 = 431.58 g; stage-2 0.5 × 215.79 = 107.895 g;
    // studio-b 4 × 215.79 = 863.16 g.
    expect(await log.facts('studio-a', 'stage-1', 1)).toEqual({
      count: 2,
      energyKwh: 2,
      co2eG: expect.closeTo(2 * SHIPPED_GB_G_PER_KWH, 9),
    });
    expect((await log.facts('studio-a', 'stage-2', 1)).co2eG).toBeCloseTo(107.895, 9);

    const version = `${'ghg-default'}+rebuild-test`;
    const published = await log.append([
      gbGridFactorSet('studio-a', version, TENANT_GB_G_PER_KWH, '2026-03-03T00:00:00.000Z'),
    ]);
    await log.projectedThrough(published);
    expect(await log.registry.state('studio-a')).toMatchObject({
      currentVersion: 1,
      building: { version: 2, factorSetVersion: version },
    });

    log.startRebuilds();
    await waitFor(async () => (await log.registry.state('studio-a')).currentVersion === 2, {
      timeoutMs: 60000,
      description: `studio-a switched to projection v2 (projector skipped: ${log.skipped.join('; ')})`,
    });

    // v2, the tenant's factor, every activity replayed once: stage-1 2 × 1 kWh × 120 = 240 g,
    // stage-2 0.5 × 120 = 60 g.
    expect(await log.facts('studio-a', 'stage-1', 2)).toEqual({
      count: 2,
      energyKwh: 2,
      co2eG: 240,
    });
    expect(await log.facts('studio-a', 'stage-2', 2)).toEqual({
      count: 1,
      energyKwh: 0.5,
      co2eG: 60,
    });
    expect(await log.registry.state('studio-a')).toMatchObject({
      currentVersion: 2,
      currentFactorSetVersion: version,
      building: null,
    });
    // The API serves the switched version.
    expect((await log.queries.projectTotals('studio-a', 'stage-1'))?.co2eG).toBe(240);
    // v1 is kept as it was; studio-b was neither replayed nor switched.
    expect((await log.facts('studio-a', 'stage-1', 1)).co2eG).toBeCloseTo(431.58, 9);
    expect(await log.facts('studio-b', 'stage-1', 2)).toEqual({ count: 0, energyKwh: 0, co2eG: 0 });
    expect((await log.registry.state('studio-b')).currentVersion).toBe(1);
    expect((await log.queries.projectTotals('studio-b', 'stage-1'))?.co2eG).toBeCloseTo(863.16, 9);
    expect(log.skipped).toEqual([]);
  });
});
