import {
  addRanges,
  scaleRange,
  ZERO_RANGE,
  type Range,
  type RetentionPolicy,
  type StorageMediaTier,
} from '@greenops/domain';
import { moveAvoidedGPerDay } from './move-avoided-rate';
import { DAYS_PER_YEAR } from './storage-holding-rate';

/** Artifact statuses that protect an artifact and everything feeding it (docs/retention.md). */
export const PROTECTED_STATUSES = ['final', 'delivered'] as const;

/** One artifact of the tenant, with its lineage link (`parentId`: what it feeds into). */
export interface RetentionArtifact {
  projectId: string;
  artifactId: string;
  parentId: string | null;
  kind: string | null;
  status: string | null;
  /** Last status change (ms since epoch), when known. */
  statusChangedAtMs: number | null;
}

/** One current holding of an artifact on one storage system. */
export interface RetentionHolding {
  projectId: string;
  artifactId: string;
  storageSystem: string;
  uri: string | null;
  media: StorageMediaTier;
  bytes: number;
  replication: number | null;
  country: string | null;
  lastObservedAtMs: number;
  co2eGPerDay: Range;
  co2eGPerDayByMedia: Record<StorageMediaTier, Range>;
}

export interface RetentionCandidate {
  projectId: string;
  artifactId: string;
  holdings: RetentionHolding[];
  bytes: number;
  co2eGPerDay: Range;
  /** kg CO2e a year the action avoids: (current − after) g/day × 365 / 1000. */
  avoidedKgCo2ePerYear: Range;
}

export interface RetentionPreviewResult {
  candidates: RetentionCandidate[];
  bytes: number;
  co2eGPerDay: Range;
  avoidedKgCo2ePerYear: Range;
  /** Artifacts the selector matched but a protection excluded. */
  excluded: { protectedByStatus: number; legalHold: number };
}

export interface RetentionPreviewInput {
  policy: RetentionPolicy;
  artifacts: RetentionArtifact[];
  holdings: RetentionHolding[];
  /** Artifacts under a legal hold (`projectId` + `artifactId`). */
  legalHolds: Array<{ projectId: string; artifactId: string }>;
  nowMs: number;
}

const DAY_MS = 86_400_000;
export const lineageKey = (projectId: string, artifactId: string) =>
  `${projectId}\u0000${artifactId}`;

/**
 * Walks up the lineage (artifact → parent → …) and says whether the artifact or anything it
 * feeds is in `marked`. A cycle in parent links terminates.
 */
export function feedsMarked(
  start: string,
  parents: Map<string, string | null>,
  marked: (k: string) => boolean,
): boolean {
  const seen = new Set<string>();
  let current: string | null = start;
  while (current !== null && !seen.has(current)) {
    if (marked(current)) return true;
    seen.add(current);
    const projectId = current.slice(0, current.indexOf('\u0000'));
    const parent: string | null = parents.get(current) ?? null;
    current = parent === null ? null : lineageKey(projectId, parent);
  }
  return false;
}

/**
 * The dry run of a policy: which artifacts' holdings it would act on, and the emissions a
 * year it would avoid. Never a candidate: an artifact under a legal hold or feeding one; an
 * artifact whose status is final/delivered or that feeds one, unless the selector names that
 * status explicitly. A DELETE avoids the holding's whole rate; a MOVE, the rate minus the
 * target tier's rate (never below zero: a move to a costlier tier avoids nothing).
 */
export function retentionPreview(input: RetentionPreviewInput): RetentionPreviewResult {
  const { policy, nowMs } = input;
  const s = policy.selector;
  const artifacts = new Map(input.artifacts.map((a) => [lineageKey(a.projectId, a.artifactId), a]));
  const parents = new Map(
    input.artifacts.map((a) => [lineageKey(a.projectId, a.artifactId), a.parentId]),
  );
  const held = new Set(input.legalHolds.map((h) => lineageKey(h.projectId, h.artifactId)));
  const named = new Set(s.statuses ?? []);
  const protectedStatuses = PROTECTED_STATUSES.filter((st) => !named.has(st)) as string[];
  const isProtected = (k: string) => protectedStatuses.includes(artifacts.get(k)?.status ?? '');

  const byArtifact = new Map<string, RetentionHolding[]>();
  for (const h of input.holdings) {
    if (s.projectIds && !s.projectIds.includes(h.projectId)) continue;
    if (s.storageSystems && !s.storageSystems.includes(h.storageSystem)) continue;
    if (s.media && !s.media.includes(h.media)) continue;
    if (s.minBytes !== undefined && h.bytes < s.minBytes) continue;
    if (policy.action.type === 'MOVE' && policy.action.toMedia === h.media) continue;
    const k = lineageKey(h.projectId, h.artifactId);
    byArtifact.set(k, [...(byArtifact.get(k) ?? []), h]);
  }

  const excluded = { protectedByStatus: 0, legalHold: 0 };
  const candidates: RetentionCandidate[] = [];
  for (const [k, holdings] of byArtifact) {
    const artifact = artifacts.get(k);
    if (s.artifactKinds && !s.artifactKinds.includes(artifact?.kind ?? '')) continue;
    if (s.statuses && !s.statuses.includes(artifact?.status ?? '')) continue;
    if (s.minAgeDays !== undefined) {
      const lastActivityMs = Math.max(
        ...holdings.map((h) => h.lastObservedAtMs),
        artifact?.statusChangedAtMs ?? -Infinity,
      );
      const since =
        (s.ageBasis ?? 'lastActivity') === 'statusChange'
          ? artifact?.statusChangedAtMs
          : lastActivityMs;
      if (since === null || since === undefined || nowMs - since < s.minAgeDays * DAY_MS) continue;
    }
    if (feedsMarked(k, parents, (x) => held.has(x))) {
      excluded.legalHold += 1;
      continue;
    }
    if (feedsMarked(k, parents, isProtected)) {
      excluded.protectedByStatus += 1;
      continue;
    }
    const sorted = [...holdings].sort((a, b) => a.storageSystem.localeCompare(b.storageSystem));
    const rate = addRanges(...sorted.map((h) => h.co2eGPerDay));
    const avoidedPerDay = addRanges(...sorted.map((h) => avoidedGPerDay(policy, h)));
    candidates.push({
      projectId: artifact?.projectId ?? sorted[0].projectId,
      artifactId: artifact?.artifactId ?? sorted[0].artifactId,
      holdings: sorted,
      bytes: sorted.reduce((sum, h) => sum + h.bytes, 0),
      co2eGPerDay: rate,
      avoidedKgCo2ePerYear: scaleRange(avoidedPerDay, DAYS_PER_YEAR / 1000),
    });
  }
  candidates.sort(
    (a, b) => a.projectId.localeCompare(b.projectId) || a.artifactId.localeCompare(b.artifactId),
  );
  return {
    candidates,
    bytes: candidates.reduce((sum, c) => sum + c.bytes, 0),
    co2eGPerDay: candidates.length
      ? addRanges(...candidates.map((c) => c.co2eGPerDay))
      : ZERO_RANGE,
    avoidedKgCo2ePerYear: candidates.length
      ? addRanges(...candidates.map((c) => c.avoidedKgCo2ePerYear))
      : ZERO_RANGE,
    excluded,
  };
}

/** A DELETE avoids the holding's whole rate; a MOVE, the difference with the target tier. */
function avoidedGPerDay(policy: RetentionPolicy, h: RetentionHolding): Range {
  if (policy.action.type === 'DELETE') return h.co2eGPerDay;
  return moveAvoidedGPerDay(h.co2eGPerDay, h.co2eGPerDayByMedia[policy.action.toMedia]);
}
