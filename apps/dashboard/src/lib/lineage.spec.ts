import { ancestors, lineageTree, outcomeOf, splitIterations, type ArtifactLike } from './lineage';

const a = (
  id: string,
  parentId: string | null,
  status: string | null,
  co2eG: number,
): ArtifactLike => ({
  id,
  parentId,
  kind: null,
  status,
  co2eG,
});

describe('artifact lineage', () => {
  const artifacts = [
    a('ep', null, 'delivered', 1000),
    a('sc1', 'ep', null, 900),
    a('sh1', 'sc1', 'final', 600),
    a('sh1-v2', 'sh1', 'approved', 250),
    a('sh1-v1', 'sh1', 'rejected', 200),
    a('sh1-v3', 'sh1', 'draft', 50),
    a('loop-a', 'loop-b', null, 1),
    a('loop-b', 'loop-a', null, 1),
  ];

  it('builds the tree below an artifact, children sorted by id', () => {
    const tree = lineageTree(artifacts, 'sc1')!;
    expect(tree.artifact.id).toBe('sc1');
    expect(tree.children.map((c) => c.artifact.id)).toEqual(['sh1']);
    expect(tree.children[0]!.children.map((c) => c.artifact.id)).toEqual([
      'sh1-v1',
      'sh1-v2',
      'sh1-v3',
    ]);
    expect(lineageTree(artifacts, 'missing')).toBeUndefined();
  });

  it('cuts cycles in bad parent data', () => {
    const tree = lineageTree(artifacts, 'loop-a')!;
    expect(tree.children.map((c) => c.artifact.id)).toEqual(['loop-b']);
    expect(tree.children[0]!.children).toEqual([]);
    expect(ancestors(artifacts, 'loop-a').map((x) => x.id)).toEqual(['loop-b']);
  });

  it('lists the parents above an artifact, nearest first', () => {
    expect(ancestors(artifacts, 'sh1-v1').map((x) => x.id)).toEqual(['sh1', 'sc1', 'ep']);
    expect(ancestors(artifacts, 'ep')).toEqual([]);
  });

  it('splits direct iterations into kept, discarded and other', () => {
    const shot = lineageTree(artifacts, 'sh1')!;
    // kept: v2 (approved) 250 g; discarded: v1 (rejected) 200 g; other: v3 (draft) 50 g.
    expect(splitIterations(shot)).toEqual({
      kept: { count: 1, co2eG: 250 },
      discarded: { count: 1, co2eG: 200 },
      other: { count: 1, co2eG: 50 },
    });
    expect(outcomeOf('FINAL')).toBe('kept');
    expect(outcomeOf(null)).toBe('other');
  });
});
