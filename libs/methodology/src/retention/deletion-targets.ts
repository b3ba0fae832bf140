import type { Range, RetentionPolicy, StorageMediaTier } from '@greenops/domain';
import { moveAvoidedGPerDay } from './move-avoided-rate';
import {
  feedsMarked,
  lineageKey,
  retentionPreview,
  type RetentionArtifact,
  type RetentionHolding,
  type RetentionPreviewInput,
} from './retention-preview';

const DAY_MS = 86_400_000;

/** One holding to request the deletion (or move) of, and the generation of its request id. */
export interface DeletionTarget {
  projectId: string;
  artifactId: string;
  storageSystem: string;
  uri: string | null;
  bytes: number;
  /** g CO2e/day the request avoids once confirmed: a deletion the whole rate, a move the tier difference. */
  co2eGPerDay: Range;
  /**
   * A deletion: earlier deletion requests for this holding that FAILED. A move: earlier move
   * requests for it that FAILED or were CONFIRMED. A new request then gets a new id.
   */
  generation: number;
  /** A move's tiers; null for a deletion. */
  move: { fromMedia: StorageMediaTier; toMedia: StorageMediaTier } | null;
}

/** What is already requested, per holding (`holdingKey` of the caller). */
export interface RequestedHoldings {
  /** A request that is not FAILED exists: never requested again. */
  isLive(projectId: string, artifactId: string, storageSystem: string): boolean;
  failedCount(projectId: string, artifactId: string, storageSystem: string): number;
  /** Move requests for this holding that FAILED or were CONFIRMED. */
  settledMoveCount(projectId: string, artifactId: string, storageSystem: string): number;
}

export interface DeletionTargets {
  targets: DeletionTarget[];
  /** Holdings selected but requested already (and not failed). */
  alreadyRequested: number;
  excludedLegalHold: number;
  excludedProtectedByStatus: number;
  /** Named artifacts that hold nothing (requestDeletion only). */
  notHeld: string[];
}

function toTarget(
  h: RetentionHolding,
  action: RetentionPolicy['action'],
  requested: RequestedHoldings,
): DeletionTarget {
  const base = {
    projectId: h.projectId,
    artifactId: h.artifactId,
    storageSystem: h.storageSystem,
    uri: h.uri,
    bytes: h.bytes,
  };
  if (action.type === 'DELETE')
    return {
      ...base,
      co2eGPerDay: h.co2eGPerDay,
      generation: requested.failedCount(h.projectId, h.artifactId, h.storageSystem),
      move: null,
    };
  return {
    ...base,
    // The same figure the preview states for this holding (retention-preview.ts).
    co2eGPerDay: moveAvoidedGPerDay(h.co2eGPerDay, h.co2eGPerDayByMedia[action.toMedia]),
    generation: requested.settledMoveCount(h.projectId, h.artifactId, h.storageSystem),
    move: { fromMedia: h.media, toMedia: action.toMedia },
  };
}

function split(
  holdings: RetentionHolding[],
  action: RetentionPolicy['action'],
  requested: RequestedHoldings,
): { targets: DeletionTarget[]; alreadyRequested: number } {
  const targets: DeletionTarget[] = [];
  let alreadyRequested = 0;
  for (const h of holdings) {
    if (requested.isLive(h.projectId, h.artifactId, h.storageSystem)) alreadyRequested += 1;
    else targets.push(toTarget(h, action, requested));
  }
  return { targets, alreadyRequested };
}

/**
 * The requests an enforcement of a policy makes: its preview's candidates (the same selector,
 * legal-hold and final/delivered rules, docs/retention.md §4; a MOVE never selects a holding
 * already on its target tier), one per holding, minus the holdings with a live request. A
 * DELETE policy's are deletions, a MOVE policy's moves to its target tier.
 */
export function policyDeletionTargets(
  input: RetentionPreviewInput,
  requested: RequestedHoldings,
): DeletionTargets {
  const preview = retentionPreview(input);
  const { targets, alreadyRequested } = split(
    preview.candidates.flatMap((c) => c.holdings),
    input.policy.action,
    requested,
  );
  return {
    targets,
    alreadyRequested,
    excludedLegalHold: preview.excluded.legalHold,
    excludedProtectedByStatus: preview.excluded.protectedByStatus,
    notHeld: [],
  };
}

/**
 * The deletions a policy engine's own decision requests: every holding of the named artifacts.
 * Naming an artifact lifts the final/delivered protection for it (the engine decided); a legal
 * hold on it or on anything it feeds is never lifted.
 */
export function namedDeletionTargets(
  input: {
    projectId: string;
    artifactIds: string[];
    artifacts: RetentionArtifact[];
    holdings: RetentionHolding[];
    legalHolds: Array<{ projectId: string; artifactId: string }>;
  },
  requested: RequestedHoldings,
): DeletionTargets {
  const parents = new Map(
    input.artifacts.map((a) => [lineageKey(a.projectId, a.artifactId), a.parentId]),
  );
  const held = new Set(input.legalHolds.map((h) => lineageKey(h.projectId, h.artifactId)));
  const named = new Set(input.artifactIds);
  const selected: RetentionHolding[] = [];
  const holding = new Set<string>();
  let excludedLegalHold = 0;
  const heldArtifacts = new Set<string>();
  for (const h of input.holdings) {
    if (h.projectId !== input.projectId || !named.has(h.artifactId)) continue;
    holding.add(h.artifactId);
    const k = lineageKey(h.projectId, h.artifactId);
    if (feedsMarked(k, parents, (x) => held.has(x))) {
      heldArtifacts.add(h.artifactId);
      continue;
    }
    selected.push(h);
  }
  excludedLegalHold = heldArtifacts.size;
  selected.sort(
    (a, b) =>
      a.artifactId.localeCompare(b.artifactId) || a.storageSystem.localeCompare(b.storageSystem),
  );
  return {
    ...split(selected, { type: 'DELETE' }, requested),
    excludedLegalHold,
    excludedProtectedByStatus: 0,
    notHeld: input.artifactIds.filter((a) => !holding.has(a)),
  };
}

/**
 * When a holder must have answered a request: the policy's grace days, then the answer window
 * (docs/retention.md, "Deadlines"). Past it, the request is OVERDUE and re-sent.
 */
export function deletionDeadlineMs(
  requestedAtMs: number,
  graceDays: number,
  answerWindowMs: number,
): number {
  return requestedAtMs + graceDays * DAY_MS + answerWindowMs;
}
