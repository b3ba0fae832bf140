import { waitFor } from '@greenops/testing';
import { EmbeddedLogHarness, gbGridFactorSet, gridTieIn } from './testing/embedded-log-harness';

// Hand-worked figures (docs/methodology.md §4, §6 onset.energy): a measured GB grid tie-in has
// no embodied share and no training, so CO2e = kWh × the GB grid factor in force:
// 215.79 gCO2e/kWh in the shipped catalogue (Ember via @tgwf/co2 0.19.0), 120 in the tenant's set.

describe('EmissionsProjector while a projection is being rebuilt (PostgreSQL, event-log table)', () => {
  let log: EmbeddedLogHarness;

  beforeAll(async () => {
    log = await EmbeddedLogHarness.open('projector_dual_write');
    await log.startProjector();
  });
  afterAll(() => log?.close());

  it('writes each new activity of the tenant to the served and the building version; the switch counts it once', async () => {
    const first = await log.append([
      gridTieIn('studio-c', 'stage', 'c000000000000001', 1, '2026-04-01T08:00:00.000Z'),
    ]);
    await log.projectedThrough(first);

    const version = 'ghg-default+dual-write-test';
    const published = await log.append([
      gbGridFactorSet('studio-c', version, 120, '2026-04-02T00:00:00.000Z'),
    ]);
    // Past the publication: the build is marked and its fence appended (both happen before the
    // projector commits that batch), so what follows is after the fence.
    await log.projectedThrough(published);
    expect((await log.registry.state('studio-c')).building?.version).toBe(2);

    // No rebuild runs yet: only the live projector writes to v2.
    const during = await log.append([
      gridTieIn('studio-c', 'stage', 'c000000000000002', 2, '2026-04-02T08:00:00.000Z'),
      gridTieIn('studio-d', 'stage', 'd000000000000001', 3, '2026-04-02T08:00:00.000Z'),
    ]);
    await log.projectedThrough(during);

    // studio-c's new activity in both versions: v1 2 kWh × 215.79 = 431.58 g, v2 2 × 120 = 240 g.
    // v1 holds both activities: (1 + 2) kWh × 215.79 = 647.37 g.
    expect(await log.facts('studio-c', 'stage', 1)).toEqual({
      count: 2,
      energyKwh: 3,
      co2eG: expect.closeTo(647.37, 9),
    });
    expect(await log.facts('studio-c', 'stage', 2)).toEqual({ count: 1, energyKwh: 2, co2eG: 240 });
    // studio-d builds nothing: v1 only, 3 × 215.79 = 647.37 g.
    expect((await log.facts('studio-d', 'stage', 1)).co2eG).toBeCloseTo(647.37, 9);
    expect((await log.facts('studio-d', 'stage', 2)).count).toBe(0);
    // Until the switch, the API serves v1.
    expect((await log.queries.projectTotals('studio-c', 'stage'))?.co2eG).toBeCloseTo(647.37, 9);

    log.startRebuilds();
    await waitFor(async () => (await log.registry.state('studio-c')).currentVersion === 2, {
      timeoutMs: 60000,
      description: 'studio-c switched to projection v2',
    });
    // The replay adds the activity from before the fence; the dual-written one stays single:
    // (1 + 2) kWh × 120 = 360 g in 2 facts.
    expect(await log.facts('studio-c', 'stage', 2)).toEqual({ count: 2, energyKwh: 3, co2eG: 360 });
    expect((await log.queries.projectTotals('studio-c', 'stage'))?.co2eG).toBe(360);

    // After the switch, new activities go to v2 only, with the tenant's factor: + 1 kWh × 120.
    const after = await log.append([
      gridTieIn('studio-c', 'stage', 'c000000000000003', 1, '2026-04-03T08:00:00.000Z'),
    ]);
    await log.projectedThrough(after);
    expect(await log.facts('studio-c', 'stage', 2)).toEqual({ count: 3, energyKwh: 4, co2eG: 480 });
    expect((await log.facts('studio-c', 'stage', 1)).count).toBe(2);
    expect(log.skipped).toEqual([]);
  });
});
