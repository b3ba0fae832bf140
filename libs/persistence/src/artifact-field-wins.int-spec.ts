import { ARTIFACT_FIELD_CASES } from './artifact-field-wins.cases';
import { EmissionStore } from './emission-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';

const TOPIC = 'greenops.activities.v1';

describe.each(BACKENDS)('artifact merge rule in SQL on $name', (backend) => {
  let opened: OpenedBackend;
  let store: EmissionStore;

  beforeAll(async () => {
    opened = await backend.open();
    store = new EmissionStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  it.each(ARTIFACT_FIELD_CASES)(
    'greenops_artifact_field_wins: $name',
    async ({ current, incoming, wins }) => {
      const rows: Array<{ wins: boolean }> = await opened.db.dataSource.query(
        `select greenops_artifact_field_wins($1::text, $2::timestamptz, $3::text, $4::timestamptz) as wins`,
        [current.value, current.at, incoming.value, incoming.at],
      );
      expect(rows[0].wins).toBe(wins);
    },
  );

  it('a draft status seen at t3 never overwrites a final status stored from t5, even batched with a kind seen at t6', async () => {
    const artifact = { tenant: 't-recency', projectId: 'p', artifactId: 'clip' };
    const commit = (
      artifacts: Parameters<EmissionStore['commitBatch']>[0]['artifacts'],
      n: string,
    ) =>
      store.commitBatch({
        facts: [],
        artifacts,
        offsets: [{ group: 'g-recency', topic: TOPIC, partition: 0, nextOffset: n }],
      });
    await commit([{ ...artifact, status: 'final', seenAt: '2026-03-01T05:00:00Z' }], '1');
    await commit(
      [
        { ...artifact, status: 'draft', seenAt: '2026-03-01T03:00:00Z' },
        { ...artifact, kind: 'video', seenAt: '2026-03-01T06:00:00Z' },
      ],
      '3',
    );
    const rows: Array<Record<string, unknown>> = await opened.db.dataSource.query(
      `select kind, status, kind_at, status_at, updated_at from artifacts
        where tenant_id = $1 and project_id = $2 and artifact_id = $3`,
      ['t-recency', 'p', 'clip'],
    );
    expect(rows).toEqual([
      {
        kind: 'video',
        status: 'final',
        kind_at: new Date('2026-03-01T06:00:00Z'),
        status_at: new Date('2026-03-01T05:00:00Z'),
        updated_at: new Date('2026-03-01T06:00:00Z'),
      },
    ]);
  });
});
