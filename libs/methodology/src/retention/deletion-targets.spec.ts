import type { RetentionPolicy } from '@greenops/domain';
import { activity } from '../testing/activity.fixture';
import { bookedAvoided } from './booked-avoided';
import {
  deletionDeadlineMs,
  namedDeletionTargets,
  policyDeletionTargets,
  type RequestedHoldings,
} from './deletion-targets';
import type { RetentionArtifact, RetentionHolding } from './retention-preview';
import { storageHoldingRate } from './storage-holding-rate';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-29T00:00:00Z');
const OLD = NOW - 90 * DAY_MS;

// Storage model at PUE 1.5 and 200 g/kWh (docs/retention.md worked example):
// 10 TB HDD = 10 × 24 h × 0.65 Wh/TB-h × 1.5 / 1000 × 200 = 46.8 g/day (23.4–70.2).
function holding(artifactId: string, storageSystem: string): RetentionHolding {
  const rate = storageHoldingRate(
    activity('storage', {
      storage: { bytes: 1e13, media: 'hdd' },
      pue: 1.5,
      intensityGPerKwh: 200,
    }),
  );
  return {
    projectId: 'series-s01',
    artifactId,
    storageSystem,
    uri: null,
    media: 'hdd',
    bytes: 1e13,
    replication: null,
    country: null,
    lastObservedAtMs: OLD,
    co2eGPerDay: rate.co2eGPerDay,
    co2eGPerDayByMedia: rate.co2eGPerDayByMedia,
  };
}

const artifact = (
  artifactId: string,
  parentId: string | null,
  status: string | null,
): RetentionArtifact => ({
  projectId: 'series-s01',
  artifactId,
  parentId,
  kind: 'iteration',
  status,
  statusChangedAtMs: OLD,
});

// ep01 (delivered) ← sh010-v1 (rejected); sh020-v1 (rejected) on two systems;
// sh030 (held) ← sh030-v1 (rejected).
const artifacts = [
  artifact('ep01', null, 'delivered'),
  artifact('sh010-v1', 'ep01', 'rejected'),
  artifact('sh020-v1', null, 'rejected'),
  artifact('sh030', null, null),
  artifact('sh030-v1', 'sh030', 'rejected'),
];
const holdings = [
  holding('ep01', 'isilon-ldn-1'),
  holding('sh010-v1', 'isilon-ldn-1'),
  holding('sh020-v1', 'isilon-ldn-1'),
  holding('sh020-v1', 'isilon-par-2'),
  holding('sh030-v1', 'isilon-ldn-1'),
];
const legalHolds = [{ projectId: 'series-s01', artifactId: 'sh030' }];
const policy: RetentionPolicy = {
  policyId: '6f1c2a1e-9b8d-4c3e-8a7f-2d5e4b3c1a09',
  name: 'rejected',
  selector: { statuses: ['rejected'] },
  action: { type: 'DELETE' },
  graceDays: 7,
};

function requested(
  live: string[][] = [],
  failed: string[][] = [],
  settledMoves: string[][] = [],
): RequestedHoldings {
  const k = (p: string, a: string, s: string) => `${p}/${a}/${s}`;
  const l = new Set(live.map(([a, s]) => k('series-s01', a, s)));
  const f = failed.map(([a, s]) => k('series-s01', a, s));
  const m = settledMoves.map(([a, s]) => k('series-s01', a, s));
  return {
    isLive: (p, a, s) => l.has(k(p, a, s)),
    failedCount: (p, a, s) => f.filter((x) => x === k(p, a, s)).length,
    settledMoveCount: (p, a, s) => m.filter((x) => x === k(p, a, s)).length,
  };
}

const toTape: RetentionPolicy = { ...policy, action: { type: 'MOVE', toMedia: 'tape' } };

describe('policyDeletionTargets', () => {
  it('requests one deletion per holding of each candidate, never a held or final-feeding one', () => {
    const result = policyDeletionTargets(
      { policy, artifacts, holdings, legalHolds, nowMs: NOW },
      requested(),
    );
    expect(result.targets.map((t) => [t.artifactId, t.storageSystem, t.generation])).toEqual([
      ['sh020-v1', 'isilon-ldn-1', 0],
      ['sh020-v1', 'isilon-par-2', 0],
    ]);
    expect(result.excludedLegalHold).toBe(1); // sh030-v1 feeds the held sh030
    expect(result.excludedProtectedByStatus).toBe(1); // sh010-v1 feeds the delivered ep01
    expect(result.targets[0].co2eGPerDay.nominal).toBeCloseTo(46.8, 9);
  });

  it('skips holdings already requested, and gives a failed one its next generation', () => {
    const result = policyDeletionTargets(
      { policy, artifacts, holdings, legalHolds, nowMs: NOW },
      requested([['sh020-v1', 'isilon-ldn-1']], [['sh020-v1', 'isilon-par-2']]),
    );
    expect(result.alreadyRequested).toBe(1);
    expect(result.targets.map((t) => [t.storageSystem, t.generation])).toEqual([
      ['isilon-par-2', 1],
    ]);
  });
});

describe('policyDeletionTargets for a MOVE policy', () => {
  it('requests one move per holding, booking the tier difference the preview states', () => {
    const result = policyDeletionTargets(
      { policy: toTape, artifacts, holdings, legalHolds, nowMs: NOW },
      requested(),
    );
    expect(result.targets.map((t) => [t.artifactId, t.storageSystem, t.move])).toEqual([
      ['sh020-v1', 'isilon-ldn-1', { fromMedia: 'hdd', toMedia: 'tape' }],
      ['sh020-v1', 'isilon-par-2', { fromMedia: 'hdd', toMedia: 'tape' }],
    ]);
    // storage.tape.wh-per-tb-hour (libs/factors storage.factors.ts): 0.065 (0–0.65) Wh/TB-h.
    // On tape: 10 × 24 × 0.065 × 1.5 / 1000 × 200 = 4.68 g/day (0–46.8).
    // Avoided: nominal 46.8 − 4.68 = 42.12; low max(0, 23.4 − 46.8) = 0; high 70.2 − 0 = 70.2.
    const [first] = result.targets;
    expect(first.co2eGPerDay.nominal).toBeCloseTo(42.12, 9);
    expect(first.co2eGPerDay.low).toBe(0);
    expect(first.co2eGPerDay.high).toBeCloseTo(70.2, 9);
  });

  it('never selects a holding already on the target tier', () => {
    const onTape = holdings.map((h) => ({ ...h, media: 'tape' as const }));
    const result = policyDeletionTargets(
      { policy: toTape, artifacts, holdings: onTape, legalHolds, nowMs: NOW },
      requested(),
    );
    expect(result.targets).toEqual([]);
  });

  it('counts a move generation from settled moves, not from failed deletions', () => {
    const result = policyDeletionTargets(
      { policy: toTape, artifacts, holdings, legalHolds, nowMs: NOW },
      requested([], [['sh020-v1', 'isilon-ldn-1']], [['sh020-v1', 'isilon-par-2']]),
    );
    expect(result.targets.map((t) => [t.storageSystem, t.generation])).toEqual([
      ['isilon-ldn-1', 0],
      ['isilon-par-2', 1],
    ]);
  });

  it('keeps a live request of either action from being requested again', () => {
    const result = policyDeletionTargets(
      { policy: toTape, artifacts, holdings, legalHolds, nowMs: NOW },
      requested([['sh020-v1', 'isilon-ldn-1']]),
    );
    expect(result.alreadyRequested).toBe(1);
    expect(result.targets.map((t) => t.storageSystem)).toEqual(['isilon-par-2']);
  });
});

describe('namedDeletionTargets', () => {
  it('lifts final/delivered for a named artifact, never a legal hold, and names what holds nothing', () => {
    const result = namedDeletionTargets(
      {
        projectId: 'series-s01',
        artifactIds: ['ep01', 'sh030-v1', 'nothing-here'],
        artifacts,
        holdings,
        legalHolds,
      },
      requested(),
    );
    expect(result.targets.map((t) => t.artifactId)).toEqual(['ep01']);
    expect(result.excludedLegalHold).toBe(1);
    expect(result.notHeld).toEqual(['nothing-here']);
  });
});

describe('deletion deadline and booked avoided emissions', () => {
  it('adds the grace days and the answer window', () => {
    // 7 days × 86 400 000 ms + 3 600 000 ms
    expect(deletionDeadlineMs(NOW, 7, 3_600_000) - NOW).toBe(608_400_000);
  });

  it('books a year at 365 days and to date by the days since confirmation', () => {
    // 46.8 g/day × 365 / 1000 = 17.082 kg/yr; over 10 days: 46.8 × 10 / 1000 = 0.468 kg.
    const booked = bookedAvoided({
      gPerDay: { low: 23.4, nominal: 46.8, high: 70.2 },
      gDaysToDate: { low: 234, nominal: 468, high: 702 },
    });
    expect(booked.kgCo2ePerYear.nominal).toBeCloseTo(17.082, 9);
    expect(booked.kgCo2ePerYear.low).toBeCloseTo(8.541, 9);
    expect(booked.kgCo2eToDate.nominal).toBeCloseTo(0.468, 9);
  });
});
