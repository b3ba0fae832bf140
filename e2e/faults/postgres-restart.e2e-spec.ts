import { randomBytes } from 'node:crypto';
import { ApiKeyStore, openPostgres } from '@greenops/persistence';
import {
  countFacts,
  faultPorts,
  frameSpans,
  frameTotals,
  kafkaBrokers,
  ManagedProcess,
  otlpJsonBody,
  PrivatePostgresCluster,
  readProjectTotals,
  RetryingOtlpClient,
  startDistributedStack,
  waitFor,
  waitForTotal,
} from '@greenops/testing';
import { expectEmissions } from '../support/expect-emissions';

/**
 * Fault: PostgreSQL restarts mid-stream. The cluster is this test's own (initdb in a temporary
 * folder, its own port; plain PostgreSQL 15, a supported backend): the machine's shared server
 * is never touched. Ingest, projector and gateway keep running through the restart and must
 * recover by themselves: exact totals, nothing counted twice.
 */
describe('fault: PostgreSQL restarted mid-stream', () => {
  const run = randomBytes(4).toString('hex');
  const tenant = `faults-pg-${run}`;
  const apiKey = `key-${randomBytes(24).toString('hex')}`;
  const project = 'pg-restart';
  const batchSize = 20;
  let cluster: PrivatePostgresCluster;
  let databaseUrl: string;
  let services: ManagedProcess[] = [];
  let urls: { otlp: string; graphql: string };

  beforeAll(async () => {
    cluster = await PrivatePostgresCluster.create((await faultPorts()).postgres);
    databaseUrl = cluster.url();
    const db = await openPostgres(databaseUrl);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenant);
    await keys.addKey(tenant, apiKey);
    await db.close();
    const stack = await startDistributedStack({
      databaseUrl: databaseUrl,
      brokers: kafkaBrokers().join(','),
      projectorGroup: `faults-pg-${run}`,
    });
    ({ services, urls } = stack);
  }, 240000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await cluster?.destroy();
  }, 120000);

  const logs = () => services.map((s) => `${s.name}:\n${s.log}`).join('\n');

  it('recovers the projector and the gateway after the database restarts; counts each span once', async () => {
    const client = new RetryingOtlpClient(urls.otlp, apiKey, { deadlineMs: 180000 });
    const sendBatches = async (from: number, to: number) => {
      for (let i = from; i < to; i += batchSize) {
        const delivery = await client.send(otlpJsonBody(frameSpans(project, i, i + batchSize)));
        expect(delivery).toMatchObject({ status: 200, rejectedSpans: 0 });
      }
    };
    await sendBatches(0, 100);
    await waitForTotal(() => countFacts(databaseUrl, tenant, project), 100, {
      timeoutMs: 60000,
      description: 'facts before the restart',
    });
    expect((await readProjectTotals(urls.graphql, apiKey, project))?.operationalG).toBeCloseTo(
      100,
      6,
    );

    // Down (an immediate stop, as a crash): every connection of every service is cut. Spans keep
    // arriving meanwhile; ingest cannot look their API key up and answers 503 + Retry-After
    // (a 500 would make the client drop the batch: RetryingOtlpClient throws on it).
    await cluster.stop('immediate');
    const refusedBefore = client.retryableAnswers.length;
    const whileDown = sendBatches(100, 200);
    const refused = await waitFor(async () => client.retryableAnswers[refusedBefore], {
      timeoutMs: 60000,
      description: `a retryable answer while PostgreSQL is down (${logs()})`,
    });
    expect(refused).toMatchObject({ status: 503, retryAfter: '5' });
    expect(JSON.parse(refused.body)).toEqual({
      code: 14, // google.rpc.Code UNAVAILABLE
      message: 'API key store unavailable, nothing was written; retry later',
    });
    await cluster.start();
    await whileDown;
    await sendBatches(200, 300); // after: the last of them is the sentinel of the partition

    await waitForTotal(() => countFacts(databaseUrl, tenant, project), 300, {
      timeoutMs: 120000,
      description: `facts of ${project} after the restart (${logs()})`,
    });
    // 300 frame spans (frameTotals): 3 kWh; 300 × 1 g = 300 g operational;
    // 300 × 0.0566971… g = 17.0091324… g host embodied (Carbon Trust workstation, App. 3).
    const expected = frameTotals(300);
    expect(expected.embodiedG).toBeCloseTo(17.00913242, 6);
    // The gateway's pool lost its connections too: its first queries after the restart may
    // fail, then it answers again with the full totals.
    const totals = await waitFor(
      async () => (await readProjectTotals(urls.graphql, apiKey, project)) ?? undefined,
      { timeoutMs: 60000, description: `GraphQL answering after the restart (${logs()})` },
    );
    expectEmissions(totals, expected);
    expect(services.every((s) => s.running)).toBe(true);
  });
});
