import { EmissionQueries } from './emission-queries';
import { EmissionStore, type RejectionInput } from './emission-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const A = 'tenant-a';
const B = 'tenant-b';
const P = 'series-s01';
const CORRECTED = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';

/** A render fact received by ingest at `recordedAt` (it started a minute earlier). */
function accepted(tenant: string, recordedAt: string, eventId?: string) {
  const occurredAt = new Date(Date.parse(recordedAt) - 60_000).toISOString();
  return { ...renderFact({ tenant, projectId: P, occurredAt, energyKwh: 1, eventId }), recordedAt };
}

function rejected(tenant: string, offset: string, rejectedAt: string): RejectionInput {
  return {
    tenant,
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: `00f067aa0ba902${offset.padStart(2, '0')}`,
    spanName: 'render',
    field: 'greenops.project.id',
    reason: 'required attribute is missing',
    rejectedAt,
    log: { topic: 'greenops.activities.dlq.v1', partition: 0, offset },
  };
}

describe.each(BACKENDS)('ingest rate on $name', (backend) => {
  let opened: OpenedBackend;
  let store: EmissionStore;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    store = new EmissionStore(opened.db);
    queries = new EmissionQueries(opened.db);
    // A correction: first received 09:40 (outside the window below), again at 09:58 (inside).
    await store.commitBatch({
      facts: [accepted(A, '2026-11-02T09:40:00Z', CORRECTED)],
      artifacts: [],
      rejections: [],
      offsets: [],
    });
    await store.commitBatch({
      facts: [
        accepted(A, '2026-11-02T09:49:59Z'), // before the window
        accepted(A, '2026-11-02T09:50:00Z'), // the window's start is exclusive
        accepted(A, '2026-11-02T09:51:00Z'),
        accepted(A, '2026-11-02T09:55:00Z'),
        accepted(A, '2026-11-02T09:58:00Z', CORRECTED),
        accepted(A, '2026-11-02T10:00:00Z'), // its end is inclusive
        accepted(A, '2026-11-02T10:00:01Z'), // after it
        accepted(B, '2026-11-02T09:55:00Z'),
      ],
      artifacts: [],
      rejections: [
        rejected(A, '1', '2026-11-02T09:45:00Z'), // before the window
        rejected(A, '2', '2026-11-02T09:52:00Z'),
        rejected(A, '3', '2026-11-02T09:59:00Z'),
        rejected(B, '4', '2026-11-02T09:55:00Z'),
      ],
      offsets: [],
    });
  });
  afterAll(() => opened?.dispose());

  it('counts accepted and rejected spans received in (until − window, until], per tenant', async () => {
    // Window (09:50, 10:00], 10 minutes. Tenant a accepted 09:51, 09:55, 10:00 and the
    // correction once (its latest receipt, 09:58): 4 spans, 4 ÷ 10 = 0.4 a minute. Rejected
    // 09:52 and 09:59: 2, 2 ÷ 10 = 0.2 a minute.
    expect(await queries.ingestRate(A, 10, '2026-11-02T10:00:00Z')).toEqual({
      windowMinutes: 10,
      from: '2026-11-02T09:50:00.000Z',
      until: '2026-11-02T10:00:00.000Z',
      acceptedSpans: 4,
      rejectedSpans: 2,
      acceptedPerMinute: 0.4,
      rejectedPerMinute: 0.2,
    });
    // Tenant b sees only its own span and rejection: 1 ÷ 10 = 0.1 a minute each.
    expect(await queries.ingestRate(B, 10, '2026-11-02T10:00:00Z')).toMatchObject({
      acceptedSpans: 1,
      rejectedSpans: 1,
      acceptedPerMinute: 0.1,
      rejectedPerMinute: 0.1,
    });
    // Window (09:00, 10:00], 60 minutes, tenant a: every accepted span but the one at 10:00:01
    // (the correction's first receipt is replaced by its second): 09:49:59, 09:50, 09:51,
    // 09:55, 09:58, 10:00 = 6, 6 ÷ 60 = 0.1; rejected 09:45, 09:52, 09:59 = 3, 3 ÷ 60 = 0.05.
    expect(await queries.ingestRate(A, 60, '2026-11-02T10:00:00Z')).toMatchObject({
      acceptedSpans: 6,
      rejectedSpans: 3,
      acceptedPerMinute: 0.1,
      rejectedPerMinute: 0.05,
    });
  });

  it('refuses a window outside 1–1440 minutes and an until that is not an instant, naming the field', async () => {
    await expect(queries.ingestRate(A, 0, '2026-11-02T10:00:00Z')).rejects.toMatchObject({
      field: 'windowMinutes',
    });
    await expect(queries.ingestRate(A, 1441, '2026-11-02T10:00:00Z')).rejects.toMatchObject({
      field: 'windowMinutes',
    });
    await expect(queries.ingestRate(A, 10, 'yesterday')).rejects.toMatchObject({
      field: 'until',
    });
  });
});
