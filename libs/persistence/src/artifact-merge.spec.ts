import { mergeArtifactUpserts } from './artifact-merge';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const HOUR = 3_600_000;

describe('mergeArtifactUpserts', () => {
  it('adds a bare row for an artifact known only as a parent', () => {
    const rows = mergeArtifactUpserts([
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'clip',
        parentId: 'shot',
        kind: 'video',
        seenAt: '2026-03-01T10:00:00Z',
      },
    ]);
    expect(rows).toMatchObject([
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'clip',
        parentId: 'shot',
        kind: 'video',
        status: null,
        firstSeenAtMs: T0,
        updatedAtMs: T0,
      },
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'shot',
        parentId: null,
        kind: null,
        status: null,
        firstSeenAtMs: T0,
        updatedAtMs: T0,
      },
    ]);
  });

  it('merges one artifact to one row: later values win, nulls never erase', () => {
    const rows = mergeArtifactUpserts([
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'a',
        kind: 'video',
        status: 'draft',
        seenAt: '2026-03-01T11:00:00Z',
      },
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'a',
        status: 'approved',
        seenAt: '2026-03-01T12:00:00Z',
      },
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'a',
        status: 'rejected',
        seenAt: '2026-03-01T10:00:00Z',
      }, // older: ignored
    ]);
    expect(rows).toMatchObject([
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'a',
        parentId: null,
        kind: 'video',
        status: 'approved',
        firstSeenAtMs: T0,
        updatedAtMs: T0 + 2 * HOUR,
      },
    ]);
  });

  it('a parent mention does not move the parent’s updatedAt once it reported itself', () => {
    const rows = mergeArtifactUpserts([
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'shot',
        kind: 'shot',
        seenAt: '2026-03-01T10:00:00Z',
      },
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'clip',
        parentId: 'shot',
        seenAt: '2026-03-01T12:00:00Z',
      },
    ]);
    expect(rows.find((r) => r.artifactId === 'shot')).toMatchObject({
      kind: 'shot',
      updatedAtMs: T0,
      firstSeenAtMs: T0,
    });
  });

  it('keeps the same artifact id in different tenants and projects apart', () => {
    const rows = mergeArtifactUpserts([
      { tenant: 't1', projectId: 'p', artifactId: 'a', seenAt: '2026-03-01T10:00:00Z' },
      { tenant: 't2', projectId: 'p', artifactId: 'a', seenAt: '2026-03-01T10:00:00Z' },
      { tenant: 't1', projectId: 'q', artifactId: 'a', seenAt: '2026-03-01T10:00:00Z' },
    ]);
    expect(rows).toHaveLength(3);
  });

  it('names the bad field', () => {
    expect(() =>
      mergeArtifactUpserts([
        { tenant: 't', projectId: 'p', artifactId: '', seenAt: '2026-03-01T10:00:00Z' },
      ]),
    ).toThrow('artifacts[0].artifactId: must be a non-empty string');
    expect(() =>
      mergeArtifactUpserts([{ tenant: 't', projectId: 'p', artifactId: 'a', seenAt: 'soon' }]),
    ).toThrow(/artifacts\[0\]\.seenAt/);
  });
});
