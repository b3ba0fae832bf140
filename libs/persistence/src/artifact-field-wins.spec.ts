import { ARTIFACT_FIELD_CASES } from './artifact-field-wins.cases';
import { artifactFieldWins } from './artifact-field-wins';
import { mergeArtifactUpserts } from './artifact-merge';

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

describe('artifactFieldWins (the artifact merge rule)', () => {
  it.each(ARTIFACT_FIELD_CASES)('$name', ({ current, incoming, wins }) => {
    expect(
      artifactFieldWins(current.value, ms(current.at), incoming.value, Date.parse(incoming.at)),
    ).toBe(wins);
  });

  it('merges a batch field by field: draft status at t3 and video kind at t6 keep their own times', () => {
    const [row] = mergeArtifactUpserts([
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'clip',
        status: 'draft',
        seenAt: '2026-03-01T03:00:00Z',
      },
      {
        tenant: 't',
        projectId: 'p',
        artifactId: 'clip',
        kind: 'video',
        seenAt: '2026-03-01T06:00:00Z',
      },
    ]);
    expect(row).toMatchObject({
      kind: 'video',
      status: 'draft',
      fieldAtMs: {
        parentId: null,
        kind: Date.parse('2026-03-01T06:00:00Z'),
        // the status was observed at t3, not at the row's latest time t6
        status: Date.parse('2026-03-01T03:00:00Z'),
      },
    });
  });
});
