import { randomBytes } from 'node:crypto';
import { ApiKeyStore, openPostgres } from '@greenops/persistence';
import {
  countFacts,
  createTestDatabase,
  frameSpans,
  frameTotals,
  kafkaBrokers,
  ManagedProcess,
  otlpJsonBody,
  readProjectTotals,
  RetryingOtlpClient,
  startDistributedStack,
  waitFor,
  waitForTotal,
  type TestDatabase,
} from '@greenops/testing';
import { expectEmissions } from '../support/expect-emissions';

/**
 * Fault: the ingest process is SIGKILLed while requests are in flight, twice, and restarted.
 * A request it had written to Kafka before dying was never answered, so the client sends it
 * again: the projector must count those spans once. Exact totals, nothing counted twice.
 */
describe('fault: ingest SIGKILL mid-request, client retrying', () => {
  const run = randomBytes(4).toString('hex');
  const tenant = `faults-ingest-${run}`;
  const apiKey = `key-${randomBytes(24).toString('hex')}`;
  const project = `ingest-kill-${run}`;
  let database: TestDatabase;
  let ingest: ManagedProcess;
  let services: ManagedProcess[] = [];
  let urls: { otlp: string; graphql: string };

  beforeAll(async () => {
    database = await createTestDatabase('faults_ingest');
    const db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenant);
    await keys.addKey(tenant, apiKey);
    await db.close();
    const stack = await startDistributedStack({
      databaseUrl: database.url,
      brokers: kafkaBrokers().join(','),
      projectorGroup: `faults-ingest-${run}`,
    });
    ({ services, urls } = stack);
    ingest = stack.ingest;
  }, 240000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await database?.drop();
  }, 120000);

  const logs = () => services.map((s) => `${s.name}:\n${s.log}`).join('\n');

  it('counts every span once when ingest dies with requests in flight and the client re-sends them', async () => {
    const batchSize = 50;
    const batches = 24; // 1,200 spans
    const client = new RetryingOtlpClient(urls.otlp, apiKey, { deadlineMs: 120000 });
    let next = 0;
    let delivered = 0;
    // Four senders at once, as a busy pipeline's exporters: requests are in flight at any time.
    const sender = async () => {
      for (let b = next++; b < batches; b = next++) {
        const body = otlpJsonBody(frameSpans(project, b * batchSize, (b + 1) * batchSize));
        const delivery = await client.send(body);
        expect(delivery).toMatchObject({ status: 200, rejectedSpans: 0 });
        delivered += 1;
      }
    };
    const senders = Promise.all([sender(), sender(), sender(), sender()]);

    for (const afterBatches of [4, 14]) {
      // Kill while a request is in flight (sent, not answered) once that many batches landed.
      await waitFor(async () => delivered >= afterBatches && client.inFlight > 0, {
        timeoutMs: 60000,
        intervalMs: 5,
        description: `${afterBatches} batches delivered and a request in flight`,
      });
      await ingest.kill();
      await ingest.start(/OTLP\/gRPC at/);
    }
    await senders;
    // A request was cut off mid-way (its socket closed under it), not only refused while down.
    const cutOff = [...client.connectionErrorCodes]
      .filter(([code]) => code !== 'ECONNREFUSED')
      .reduce((n, [, count]) => n + count, 0);
    expect(cutOff).toBeGreaterThan(0);
    // A last span sent after every retry completed: one project is one partition, delivered in
    // order, so once it is counted every re-sent batch before it was handled too.
    await client.send(otlpJsonBody(frameSpans(project, 1200, 1201)));

    await waitForTotal(() => countFacts(database.url, tenant, project), 1201, {
      timeoutMs: 120000,
      description: `facts of ${project} (${logs()})`,
    });
    // 1,201 frame spans (frameTotals): 12.01 kWh; 1,201 × 1 g = 1,201 g operational;
    // 1,201 × 0.0566971… g = 68.0932268… g host embodied (Carbon Trust workstation, App. 3).
    const expected = frameTotals(1201);
    expect(expected.energyKwh).toBeCloseTo(12.01, 9);
    expect(expected.embodiedG).toBeCloseTo(68.09322679, 6);
    expectEmissions(
      (await readProjectTotals(urls.graphql, apiKey, project)) ?? undefined,
      expected,
    );
  });
});
