/**
 * The lineage of an artifact (scene → shot → versions → generations) from the parent links of
 * a project's artifacts, and the split of its direct iterations into kept and discarded ones.
 */
export interface ArtifactLike {
  id: string;
  parentId: string | null;
  kind: string | null;
  status: string | null;
  co2eG: number;
}

export interface LineageNode<A extends ArtifactLike = ArtifactLike> {
  artifact: A;
  children: LineageNode<A>[];
}

/** Statuses that mean an iteration was kept; those that mean it was thrown away. */
export const KEPT_STATUSES = ['approved', 'final', 'delivered'] as const;
export const DISCARDED_STATUSES = ['rejected', 'discarded', 'abandoned'] as const;

export type IterationOutcome = 'kept' | 'discarded' | 'other';

export function outcomeOf(status: string | null): IterationOutcome {
  const s = (status ?? '').toLowerCase();
  if ((KEPT_STATUSES as readonly string[]).includes(s)) return 'kept';
  if ((DISCARDED_STATUSES as readonly string[]).includes(s)) return 'discarded';
  return 'other';
}

/**
 * The tree below `rootId`, children sorted by id. Cycles in bad parent data are cut: an
 * artifact appears once, under the first parent reached. Depth is capped (default 10).
 */
export function lineageTree<A extends ArtifactLike>(
  artifacts: readonly A[],
  rootId: string,
  maxDepth = 10,
): LineageNode<A> | undefined {
  const byId = new Map(artifacts.map((a) => [a.id, a]));
  const root = byId.get(rootId);
  if (!root) return undefined;
  const childrenOf = new Map<string, A[]>();
  for (const a of artifacts) {
    if (a.parentId === null) continue;
    const list = childrenOf.get(a.parentId) ?? [];
    list.push(a);
    childrenOf.set(a.parentId, list);
  }
  const seen = new Set<string>([rootId]);
  const build = (artifact: A, depth: number): LineageNode<A> => ({
    artifact,
    children:
      depth >= maxDepth
        ? []
        : (childrenOf.get(artifact.id) ?? [])
            .filter((c) => !seen.has(c.id) && seen.add(c.id))
            .sort((a, b) => a.id.localeCompare(b.id))
            .map((c) => build(c, depth + 1)),
  });
  return build(root, 0);
}

/** The chain of parents above an artifact, nearest first (stops at a cycle or a missing parent). */
export function ancestors<A extends ArtifactLike>(artifacts: readonly A[], id: string): A[] {
  const byId = new Map(artifacts.map((a) => [a.id, a]));
  const chain: A[] = [];
  const seen = new Set([id]);
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.push(parent);
    seen.add(parentId);
    parentId = parent.parentId;
  }
  return chain;
}

export interface IterationSplit {
  kept: { count: number; co2eG: number };
  discarded: { count: number; co2eG: number };
  other: { count: number; co2eG: number };
}

/** Direct children of a node by outcome. Their roll-ups do not overlap, so their sums add up. */
export function splitIterations(node: LineageNode): IterationSplit {
  const split: IterationSplit = {
    kept: { count: 0, co2eG: 0 },
    discarded: { count: 0, co2eG: 0 },
    other: { count: 0, co2eG: 0 },
  };
  for (const child of node.children) {
    const bucket = split[outcomeOf(child.artifact.status)];
    bucket.count += 1;
    bucket.co2eG += child.artifact.co2eG;
  }
  return split;
}
