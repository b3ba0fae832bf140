import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore, openPostgres } from '@greenops/persistence';
import {
  countFacts,
  createTestDatabase,
  faultPorts,
  frameSpans,
  frameTotals,
  ManagedProcess,
  otlpJsonBody,
  PrivateKafkaBroker,
  readProjectTotals,
  RetryingOtlpClient,
  startDistributedStack,
  waitFor,
  waitForTotal,
  type OtlpDelivery,
  type TestDatabase,
} from '@greenops/testing';
import { expectEmissions } from '../support/expect-emissions';

/**
 * Fault: the Kafka broker stops mid-stream and comes back. Ingest must answer 503 with
 * Retry-After while it is gone (nothing written), the client's retries land once it is back,
 * and the projector resumes: exact totals, nothing counted twice. The broker is this test's
 * own (its own port and data folder): the shared test broker is never stopped.
 */
describe('fault: Kafka broker stopped and restarted mid-stream', () => {
  const run = randomBytes(4).toString('hex');
  const tenant = `faults-broker-${run}`;
  const apiKey = `key-${randomBytes(24).toString('hex')}`;
  const project = 'broker-restart';
  const batchSize = 20;
  let broker: PrivateKafkaBroker;
  let database: TestDatabase;
  let services: ManagedProcess[] = [];
  let urls: { otlp: string; graphql: string };

  beforeAll(async () => {
    const ports = await faultPorts();
    broker = new PrivateKafkaBroker(ports.kafka, mkdtempSync(join(tmpdir(), 'faults-broker-')));
    await broker.start({ fresh: true });
    database = await createTestDatabase('faults_broker');
    const db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenant);
    await keys.addKey(tenant, apiKey);
    await db.close();
    const stack = await startDistributedStack({
      databaseUrl: database.url,
      brokers: broker.brokers,
      projectorGroup: `faults-broker-${run}`,
    });
    ({ services, urls } = stack);
  }, 240000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await broker?.destroy();
    await database?.drop();
  }, 120000);

  const logs = () => services.map((s) => `${s.name}:\n${s.log}`).join('\n');

  it('answers 503 + Retry-After while the broker is down, takes the retries after, counts each span once', async () => {
    const client = new RetryingOtlpClient(urls.otlp, apiKey, { deadlineMs: 180000 });
    const deliveries: OtlpDelivery[] = [];
    const sendBatches = async (from: number, to: number) => {
      for (let i = from; i < to; i += batchSize) {
        deliveries.push(await client.send(otlpJsonBody(frameSpans(project, i, i + batchSize))));
      }
    };
    // Before: 100 spans stream in and start being projected.
    await sendBatches(0, 100);
    await waitFor(async () => (await countFacts(database.url, tenant, project)) > 0, {
      timeoutMs: 60000,
      description: 'first facts projected',
    });

    await broker.stop();
    // During: 100 more spans are sent while the broker is down; ingest refuses them as a
    // whole (503, Retry-After) and the client keeps retrying.
    const refusedBefore = client.retryableAnswers.length;
    const duringOutage = sendBatches(100, 200);
    const refused = await waitFor(async () => client.retryableAnswers[refusedBefore], {
      timeoutMs: 60000,
      description: `a retryable answer while the broker is down (${logs()})`,
    });
    expect(refused).toMatchObject({ status: 503, retryAfter: '5' });
    expect(JSON.parse(refused.body)).toEqual({
      code: 14, // google.rpc.Code UNAVAILABLE
      message: 'event log unavailable, nothing was written; retry later',
    });

    await broker.start();
    await duringOutage;
    // After: 100 more, then a sentinel batch. All spans of one project share a partition,
    // which delivers in order: once the total is reached, every retry before it was handled.
    await sendBatches(200, 300);
    expect(deliveries.every((d) => d.status === 200 && d.rejectedSpans === 0)).toBe(true);

    await waitForTotal(() => countFacts(database.url, tenant, project), 300, {
      timeoutMs: 120000,
      description: `facts of ${project} (${logs()})`,
    });
    // 300 frame spans (frameTotals): 300 × 0.01 kWh = 3 kWh; 300 × 1 g = 300 g operational;
    // 300 × 0.0566971… g = 17.0091324… g host embodied (Carbon Trust workstation, App. 3).
    const expected = frameTotals(300);
    expect(expected.energyKwh).toBeCloseTo(3, 9);
    expect(expected.embodiedG).toBeCloseTo(17.00913242, 6);
    expectEmissions(
      (await readProjectTotals(urls.graphql, apiKey, project)) ?? undefined,
      expected,
    );
  });
});
