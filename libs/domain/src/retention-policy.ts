/** Storage media a holding may sit on, and a MOVE may target (docs/retention.md). */
export const STORAGE_MEDIA_TIERS = ['ssd', 'hdd', 'tape', 'object'] as const;
export type StorageMediaTier = (typeof STORAGE_MEDIA_TIERS)[number];

/** What a policy's age is measured from: the artifact's last status change, or its last activity. */
export const RETENTION_AGE_BASES = ['statusChange', 'lastActivity'] as const;
export type RetentionAgeBasis = (typeof RETENTION_AGE_BASES)[number];

/**
 * Which holdings a retention policy selects. Every given criterion must hold (AND); within a
 * list, any value (OR). Absent criteria select everything.
 */
export interface RetentionSelector {
  projectIds?: string[];
  artifactKinds?: string[];
  /** Artifact statuses (lower case). Naming `final` or `delivered` lifts their protection. */
  statuses?: string[];
  /** At least this many days since `ageBasis` (default `lastActivity`). */
  minAgeDays?: number;
  ageBasis?: RetentionAgeBasis;
  storageSystems?: string[];
  media?: StorageMediaTier[];
  /** Holdings of at least this many bytes. */
  minBytes?: number;
}

/** DELETE the holding, or MOVE it to another media tier. */
export type RetentionAction = { type: 'DELETE' } | { type: 'MOVE'; toMedia: StorageMediaTier };

/** A tenant's retention policy, as defined by a RetentionPolicyDefined event. */
export interface RetentionPolicy {
  policyId: string;
  name: string;
  selector: RetentionSelector;
  action: RetentionAction;
  /** Days a selected holding is kept after it is requested, before the holder deletes it. */
  graceDays: number;
}

/** Who did a retention action, and why: every action is audited with it. */
export interface RetentionActor {
  /** Id of the acting API key (`greenops keys list`). */
  keyId: string;
  reason?: string;
}
