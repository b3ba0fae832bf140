import { EmissionQueries } from './emission-queries';
import { EmissionStore, type RejectionInput } from './emission-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';

function rejection(
  tenant: string,
  offset: string,
  at: string,
  field = 'greenops.project.id',
): RejectionInput {
  return {
    tenant,
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: `00f067aa0ba902${offset.padStart(2, '0')}`,
    spanName: 'render',
    field,
    reason: 'required attribute is missing',
    rejectedAt: at,
    log: { topic: 'greenops.activities.dlq.v1', partition: 1, offset },
  };
}

describe.each(BACKENDS)('rejected spans on $name', (backend) => {
  let opened: OpenedBackend;
  let store: EmissionStore;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    store = new EmissionStore(opened.db);
    queries = new EmissionQueries(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('records each DLQ record once, with its offset, and serves them newest first per tenant', async () => {
    const batch = {
      facts: [],
      artifacts: [],
      rejections: [
        rejection('a', '7', '2026-11-02T09:00:00Z'),
        rejection('a', '8', '2026-11-02T10:00:00Z', 'greenops.energy.kwh'),
        rejection('b', '9', '2026-11-02T11:00:00Z'),
      ],
      offsets: [
        {
          group: 'dlq-recorder',
          topic: 'greenops.activities.dlq.v1',
          partition: 1,
          nextOffset: '10',
        },
      ],
    };
    await store.commitBatch(batch);
    await store.commitBatch(batch); // a re-read batch adds nothing
    expect((await store.nextOffsets('dlq-recorder', 'greenops.activities.dlq.v1')).get(1)).toBe(
      '10',
    );
    expect(
      (await queries.rejectedSpans('a', 10)).map((r) => [r.spanId, r.field, r.rejectedAt]),
    ).toEqual([
      ['00f067aa0ba90208', 'greenops.energy.kwh', '2026-11-02T10:00:00.000Z'],
      ['00f067aa0ba90207', 'greenops.project.id', '2026-11-02T09:00:00.000Z'],
    ]);
    expect(await queries.rejectedSpans('a', 1)).toHaveLength(1);
    expect((await queries.rejectedSpans('b', 10)).map((r) => r.spanId)).toEqual([
      '00f067aa0ba90209',
    ]);
    await expect(queries.rejectedSpans('a', 0)).rejects.toMatchObject({ field: 'first' });
  });

  it('cuts long texts of old rows instead of returning them whole', async () => {
    // A row as ingest stored it before it bounded rejected spans: a 3 MiB span name and reason.
    const huge = 'n'.repeat(3 * 1024 * 1024);
    await opened.db.dataSource.query(
      `insert into dead_letters (tenant_id, trace_id, span_id, span_name, field, reason, rejected_at)
       values ('c', 't', 's', $1, 'greenops.project.id', $1, '2026-11-03T00:00:00Z')`,
      [huge],
    );
    const [row] = await queries.rejectedSpans('c', 1);
    // 1023 characters, then an ellipsis: 1024 in all (MAX_RETURNED_TEXT_CHARS)
    expect(row.spanName).toBe(`${'n'.repeat(1023)}…`);
    expect(row.reason).toBe(`${'n'.repeat(1023)}…`);
    expect(row.field).toBe('greenops.project.id');
  });
});
