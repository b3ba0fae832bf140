import type { RetentionPolicy } from '@greenops/domain';
import { activity } from '../testing/activity.fixture';
import {
  retentionPreview,
  type RetentionArtifact,
  type RetentionHolding,
} from './retention-preview';
import { storageHoldingRate } from './storage-holding-rate';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-29T00:00:00Z');
const OLD = NOW - 90 * DAY_MS;

// Rates from the storage model at PUE 1.5 and 200 g/kWh (storage-holding-rate.spec.ts):
// 10 TB HDD = 46.8 g/day (23.4–70.2); 2 TB object, 3 copies = 2 × 24 × 3 = 144 TB-h × 0.65 Wh
// × 1.5 = 140.4 Wh → 28.08 g/day (14.04–42.12).
function holding(
  artifactId: string,
  storageSystem: string,
  bytes: number,
  media: 'hdd' | 'object',
  lastObservedAtMs = OLD,
): RetentionHolding {
  const rate = storageHoldingRate(
    activity('storage', { storage: { bytes, media }, pue: 1.5, intensityGPerKwh: 200 }),
  );
  return {
    projectId: 'series-s01',
    artifactId,
    storageSystem,
    uri: null,
    media,
    bytes,
    replication: null,
    country: null,
    lastObservedAtMs,
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

// ep01 (delivered) ← sh010 (final) ← sh010-v1 (rejected): protected by status.
// ep02 ← sh020 ← sh020-v1 (rejected): the candidate, on two systems.
// sh030 (held) ← sh030-v1 (rejected): protected by the legal hold.
// sh040-v2 (rejected), observed yesterday: too young for 30 days.
const artifacts = [
  artifact('ep01', null, 'delivered'),
  artifact('sh010', 'ep01', 'final'),
  artifact('sh010-v1', 'sh010', 'rejected'),
  artifact('ep02', null, 'in-progress'),
  artifact('sh020', 'ep02', null),
  artifact('sh020-v1', 'sh020', 'rejected'),
  artifact('sh030', null, null),
  artifact('sh030-v1', 'sh030', 'rejected'),
  { ...artifact('sh040-v2', null, 'rejected'), statusChangedAtMs: NOW - DAY_MS },
];
const holdings = [
  holding('sh010-v1', 'isilon-ldn-1', 1e13, 'hdd'),
  holding('sh020-v1', 'isilon-ldn-1', 1e13, 'hdd'),
  holding('sh020-v1', 's3:vfx-renders', 2e12, 'object'),
  holding('sh030-v1', 'isilon-ldn-1', 1e13, 'hdd'),
  holding('sh040-v2', 'isilon-ldn-1', 1e13, 'hdd', NOW - DAY_MS),
];
const legalHolds = [{ projectId: 'series-s01', artifactId: 'sh030' }];

const policy = (over: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
  policyId: '6f1c2a1e-9b8d-4c3e-8a7f-2d5e4b3c1a09',
  name: 'rejected iterations after 30 days',
  selector: { statuses: ['rejected'], minAgeDays: 30 },
  action: { type: 'DELETE' },
  graceDays: 7,
  ...over,
});

describe('retentionPreview', () => {
  it('DELETE: one candidate; 27.3312 kg CO2e a year avoided (13.6656–40.9968)', () => {
    const r = retentionPreview({ policy: policy(), artifacts, holdings, legalHolds, nowMs: NOW });
    expect(r.candidates.map((c) => c.artifactId)).toEqual(['sh020-v1']);
    expect(r.candidates[0].holdings.map((h) => h.storageSystem)).toEqual([
      'isilon-ldn-1',
      's3:vfx-renders',
    ]);
    expect(r.bytes).toBe(1.2e13);
    // 46.8 + 28.08 = 74.88 g/day; × 365 / 1000 = 27.3312 kg/year
    expect(r.co2eGPerDay.nominal).toBeCloseTo(74.88, 9);
    expect(r.avoidedKgCo2ePerYear.nominal).toBeCloseTo(27.3312, 9);
    // low (23.4 + 14.04) × 0.365 = 13.6656; high (70.2 + 42.12) × 0.365 = 40.9968
    expect(r.avoidedKgCo2ePerYear.low).toBeCloseTo(13.6656, 9);
    expect(r.avoidedKgCo2ePerYear.high).toBeCloseTo(40.9968, 9);
    expect(r.excluded).toEqual({ protectedByStatus: 1, legalHold: 1 });
  });

  it('MOVE to tape avoids the difference: 25.28136 kg a year', () => {
    const r = retentionPreview({
      policy: policy({ action: { type: 'MOVE', toMedia: 'tape' } }),
      artifacts,
      holdings,
      legalHolds,
      nowMs: NOW,
    });
    // HDD 10 TB: 46.8 − tape 4.68 = 42.12 g/day. Object 2 TB: 28.08 − tape (1 copy) 2 × 24 ×
    // 0.065 × 1.5 / 1000 × 200 = 0.936 → 27.144 g/day. (42.12 + 27.144) × 0.365 = 25.28136
    expect(r.avoidedKgCo2ePerYear.nominal).toBeCloseTo(25.28136, 9);
    // Band by interval subtraction (tape 0–0.65 Wh/TB-h, 1 copy): HDD low 23.4 − tape high 46.8
    // → 0, high 70.2 − tape low 0 = 70.2; object low 14.04 − tape high (48 TB-h × 0.65 × 1.5 /
    // 1000 × 200 = 9.36) = 4.68, high 42.12 − 0 = 42.12. Low (0 + 4.68) × 0.365 = 1.7082; high
    // (70.2 + 42.12) × 0.365 = 40.9968 — the nominal lies inside.
    expect(r.avoidedKgCo2ePerYear.low).toBeCloseTo(1.7082, 9);
    expect(r.avoidedKgCo2ePerYear.high).toBeCloseTo(40.9968, 9);
  });

  it('naming final lifts only that protection; naming final and delivered lifts both', () => {
    const finalOnly = retentionPreview({
      policy: policy({ selector: { statuses: ['rejected', 'final'], minAgeDays: 30 } }),
      artifacts,
      holdings,
      legalHolds,
      nowMs: NOW,
    });
    expect(finalOnly.candidates.map((c) => c.artifactId)).toEqual(['sh020-v1']);
    const both = retentionPreview({
      policy: policy({
        selector: { statuses: ['rejected', 'final', 'delivered'], minAgeDays: 30 },
      }),
      artifacts,
      holdings,
      legalHolds,
      nowMs: NOW,
    });
    expect(both.candidates.map((c) => c.artifactId)).toEqual(['sh010-v1', 'sh020-v1']);
  });

  it('a legal hold is never lifted, whatever the selector names', () => {
    const r = retentionPreview({
      policy: policy({ selector: {} }),
      artifacts,
      holdings,
      legalHolds,
      nowMs: NOW,
    });
    expect(r.candidates.map((c) => c.artifactId)).not.toContain('sh030-v1');
    expect(r.candidates.map((c) => c.artifactId)).toEqual(['sh020-v1', 'sh040-v2']);
  });

  it('filters by storage system, media and minimum bytes', () => {
    const r = retentionPreview({
      policy: policy({
        selector: { storageSystems: ['s3:vfx-renders'], media: ['object'], minBytes: 1e12 },
      }),
      artifacts,
      holdings,
      legalHolds,
      nowMs: NOW,
    });
    expect(r.candidates.map((c) => c.holdings.map((h) => h.storageSystem))).toEqual([
      ['s3:vfx-renders'],
    ]);
    // 28.08 g/day × 0.365 = 10.2492 kg/year
    expect(r.avoidedKgCo2ePerYear.nominal).toBeCloseTo(10.2492, 9);
  });

  it('survives a parent cycle', () => {
    const cyclic = [artifact('a', 'b', 'rejected'), artifact('b', 'a', null)];
    const r = retentionPreview({
      policy: policy(),
      artifacts: cyclic,
      holdings: [holding('a', 'isilon-ldn-1', 1e13, 'hdd')],
      legalHolds: [],
      nowMs: NOW,
    });
    expect(r.candidates).toHaveLength(1);
  });
});
