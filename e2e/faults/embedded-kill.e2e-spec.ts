import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  frameSpans,
  frameTotals,
  freePort,
  ManagedProcess,
  otlpJsonBody,
  readProjectTotals,
  RetryingOtlpClient,
  waitFor,
  waitForTotal,
} from '@greenops/testing';
import { expectEmissions } from '../support/expect-emissions';

/**
 * Fault: the embedded platform (one process: receivers, embedded event log, projector, PGlite
 * database in a data folder) is SIGKILLed while requests are in flight, and started again on the
 * same data folder. What it acknowledged must survive, what it did not is re-sent by the client:
 * exact totals, nothing counted twice.
 */
describe('fault: embedded platform SIGKILL during ingest, reopened on the same data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-faults-embedded-'));
  const apiKey = `embedded-faults-${randomBytes(16).toString('hex')}`;
  const project = 'embedded-kill';
  let platform: ManagedProcess;
  let urls: { otlp: string; graphql: string };

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    platform = ManagedProcess.built('platform', 'dist/apps/platform/src/main.js', {
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: apiKey,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    });
    await platform.start(/GraphQL\s+http/, 120000);
    urls = {
      otlp: `http://127.0.0.1:${httpPort}/v1/traces`,
      graphql: `http://127.0.0.1:${graphqlPort}/graphql`,
    };
  }, 180000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60000);

  /** Spans counted so far: each frame span is exactly 1 g operational (frameSpan). */
  const counted = async () =>
    Math.round((await readProjectTotals(urls.graphql, apiKey, project))?.operationalG ?? 0);

  it('keeps what it acknowledged and counts the re-sent requests once', async () => {
    const batchSize = 25;
    const batches = 16; // 400 spans
    const client = new RetryingOtlpClient(urls.otlp, apiKey, { deadlineMs: 180000 });
    let next = 0;
    let delivered = 0;
    const sender = async () => {
      for (let b = next++; b < batches; b = next++) {
        const body = otlpJsonBody(frameSpans(project, b * batchSize, (b + 1) * batchSize));
        expect(await client.send(body)).toMatchObject({ status: 200, rejectedSpans: 0 });
        delivered += 1;
      }
    };
    // Four senders at once: requests are in flight, some of them being written, at any time.
    const senders = Promise.all([sender(), sender(), sender(), sender()]);
    for (const afterBatches of [4, 10]) {
      await waitFor(async () => delivered >= afterBatches && client.inFlight > 0, {
        timeoutMs: 60000,
        intervalMs: 5,
        description: `${afterBatches} batches delivered and a request in flight`,
      });
      await platform.kill();
      // Same data folder: the crashed process's lock is taken over (its pid is gone).
      await platform.start(/GraphQL\s+http/, 120000);
    }
    await senders;
    expect(client.connectionErrors).toBeGreaterThan(0);
    // A last span after every retry: the embedded log is one ordered partition, so once it is
    // counted every re-sent batch before it was handled too.
    await client.send(otlpJsonBody(frameSpans(project, 400, 401)));

    await waitForTotal(counted, 401, {
      timeoutMs: 120000,
      description: `spans counted in ${project} (platform log:\n${platform.log})`,
    });
    // 401 frame spans (frameTotals): 4.01 kWh; 401 × 1 g = 401 g operational;
    // 401 × 0.0566971… g = 22.7355403… g host embodied (Carbon Trust workstation, App. 3).
    const expected = frameTotals(401);
    expect(expected.embodiedG).toBeCloseTo(22.73554033, 6);
    expectEmissions(
      (await readProjectTotals(urls.graphql, apiKey, project)) ?? undefined,
      expected,
    );
  });
});
