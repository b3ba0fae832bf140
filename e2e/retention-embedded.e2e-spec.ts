import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@greenops/testing';
import { graphql } from './support/graphql-client';
import { otlpJsonRequest, postOtlpJson, type JsonSpan } from './support/otlp-json';
import { ServiceProcess } from './support/service-process';

const DAY_MS = 86_400_000;

/**
 * Retention in embedded mode (docs/retention.md): storage spans sent over OTLP/JSON become
 * holdings in the embedded TimescaleDB; a legal hold and a policy go through the event log; the
 * preview's avoided kg CO2e a year is worked by hand from the storage model.
 */
describe('retention, embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-retention-e2e-'));
  const apiKey = 'retention-e2e-key-0123456789';
  let platform: ServiceProcess;
  let urls: { http: string; graphql: string };

  async function ok(query: string, variables: Record<string, unknown> = {}) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
    const { body } = await graphql<Record<string, any>>(urls.graphql, apiKey, query, variables);
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    urls = {
      http: `http://127.0.0.1:${httpPort}/v1/traces`,
      graphql: `http://127.0.0.1:${graphqlPort}/graphql`,
    };
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', {
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: apiKey,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
      GREENOPS_RETENTION_SWEEP_INTERVAL: '500ms',
    });
    await platform.start(/GraphQL\s+http/, 120000);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holdings from OTLP storage spans, a legal hold and a policy preview worked by hand', async () => {
    const start = Date.now() - 90 * DAY_MS;
    // one hour of holding at PUE 1.5 and 200 g/kWh: only the storage factors vary
    const span = (
      artifact: Record<string, string>,
      storage: Record<string, string | number>,
    ): JsonSpan => ({
      name: `hold ${artifact['greenops.artifact.id']}`,
      startMs: start,
      durationS: 3600,
      attributes: {
        'greenops.project.id': 'series-s01',
        'greenops.activity.kind': 'storage',
        'greenops.pue': 1.5,
        'greenops.carbon_intensity.g_per_kwh': 200,
        ...artifact,
        ...storage,
      },
    });
    const hdd10 = {
      'greenops.storage.bytes': 1e13,
      'greenops.storage.media': 'hdd',
      'greenops.storage.system': 'isilon-ldn-1',
    };
    const { body } = otlpJsonRequest([
      span({ 'greenops.artifact.id': 'ep01', 'greenops.artifact.status': 'delivered' }, hdd10),
      span(
        {
          'greenops.artifact.id': 'sh010-v1',
          'greenops.artifact.parent.id': 'ep01',
          'greenops.artifact.status': 'rejected',
        },
        hdd10,
      ),
      span(
        {
          'greenops.artifact.id': 'sh020-v1',
          'greenops.artifact.parent.id': 'sh020',
          'greenops.artifact.status': 'rejected',
        },
        { ...hdd10, 'greenops.storage.uri': '/ifs/vfx/sh020/v1' },
      ),
      span(
        { 'greenops.artifact.id': 'sh020-v1' },
        {
          'greenops.storage.bytes': 2e12,
          'greenops.storage.media': 'object',
          'greenops.storage.system': 's3:vfx-renders',
        },
      ),
      span(
        {
          'greenops.artifact.id': 'sh030-v1',
          'greenops.artifact.parent.id': 'sh030',
          'greenops.artifact.status': 'rejected',
        },
        hdd10,
      ),
    ]);
    const sent = await postOtlpJson(urls.http, apiKey, body);
    expect(sent.status).toBe(200);
    expect(sent.json.partialSuccess?.rejectedSpans ?? 0).toBe(0);

    const holdings = await waitFor(
      async () => {
        const d = await ok(
          `{ project(id: "series-s01") { holdings { storageSystem artifacts bytes co2eGPerDay { nominal } } } }`,
        );
        const h = d.project?.holdings;
        return h?.length === 2 && h[0].artifacts === 4 && h;
      },
      { timeoutMs: 60000, description: `holdings projected (log:\n${platform.log})` },
    );
    // 4 × 10 TB HDD: 4 × 10 × 24 × 0.65 Wh × 1.5 / 1000 × 200 = 187.2 g/day;
    // 2 TB object, 3 copies: 2 × 24 × 3 × 0.65 × 1.5 / 1000 × 200 = 28.08 g/day
    expect(holdings[0].co2eGPerDay.nominal).toBeCloseTo(187.2, 9);
    expect(holdings[1].co2eGPerDay.nominal).toBeCloseTo(28.08, 9);

    await ok(
      `mutation { setLegalHold(projectId: "series-s01", artifactId: "sh030", reason: "rights dispute") { eventId } }`,
    );
    const policyId: string = (
      await ok(
        `mutation { defineRetentionPolicy(input: { name: "rejected after 30 days", selector: { statuses: ["rejected"], minAgeDays: 30 }, action: DELETE, graceDays: 7 }) { policyId } }`,
      )
    ).defineRetentionPolicy.policyId;
    const preview = await waitFor(
      async () =>
        (
          await ok(
            `query($id: ID!) { retentionPreview(policyId: $id) { candidateCount excludedProtectedByStatus excludedLegalHold candidates { artifactId } avoidedKgCo2ePerYear { low nominal high } } legalHolds { artifactId } }`,
            { id: policyId },
          )
        ).retentionPreview ?? undefined,
      { timeoutMs: 60000, description: 'policy projected' },
    );
    // the hold was appended before the policy, on the one ordered partition: it is in force
    expect(preview.candidates).toEqual([{ artifactId: 'sh020-v1' }]);
    expect(preview.excludedProtectedByStatus).toBe(1);
    expect(preview.excludedLegalHold).toBe(1);
    // (46.8 + 28.08) g/day × 365 / 1000 = 27.3312 kg CO2e a year (13.6656–40.9968)
    expect(preview.avoidedKgCo2ePerYear.nominal).toBeCloseTo(27.3312, 9);
    expect(preview.avoidedKgCo2ePerYear.low).toBeCloseTo(13.6656, 9);
    expect(preview.avoidedKgCo2ePerYear.high).toBeCloseTo(40.9968, 9);

    const audit = await ok(`{ retentionAudit { records { action subject } } }`);
    expect(audit.retentionAudit.records).toEqual([
      { action: 'LEGAL_HOLD_SET', subject: 'sh030' },
      { action: 'POLICY_DEFINED', subject: policyId },
    ]);
  });

  it("a policy engine's decision, pulled and answered by a holder without Kafka; avoided emissions booked beside emissions", async () => {
    // the engine (here the embedded key, role admin) posts its own decision: sh020-v1 on both
    // systems, and sh030-v1, which feeds the held sh030 and is never requested
    const decided = (
      await ok(
        `mutation { requestDeletion(input: { projectId: "series-s01", artifactIds: ["sh020-v1", "sh030-v1"], reason: "OPA data.retention.delete", policyRef: "opa:retention/delete@2026-11", idempotencyKey: "opa-decision-1", graceDays: 0 }) { requestIds excludedLegalHold notHeld replayed } }`,
      )
    ).requestDeletion;
    expect(decided.requestIds).toHaveLength(2);
    expect(decided.excludedLegalHold).toBe(1);
    expect(decided.notHeld).toEqual([]);

    // a holder that does not speak Kafka pulls its system's requests
    const PULL = `query($system: String!) { deletionRequests(system: $system, status: PENDING) { requestId artifactId policyRef sendCount } }`;
    const [isilon] = await waitFor(
      async () => {
        const r = (await ok(PULL, { system: 'isilon-ldn-1' })).deletionRequests;
        return r.length === 1 && r[0].sendCount === 1 && r;
      },
      { timeoutMs: 60000, description: `the decision projected and sent (log:\n${platform.log})` },
    );
    expect(isilon).toMatchObject({
      artifactId: 'sh020-v1',
      policyRef: 'opa:retention/delete@2026-11',
    });
    const [s3] = (await ok(PULL, { system: 's3:vfx-renders' })).deletionRequests;
    await ok(
      `mutation($id: ID!) { confirmDeletion(requestId: $id, deletedBytes: 1e13) { eventId } }`,
      {
        id: isilon.requestId,
      },
    );
    await ok(
      `mutation($id: ID!) { failDeletion(requestId: $id, reason: "object lock") { eventId } }`,
      {
        id: s3.requestId,
      },
    );
    const AVOIDED = `{ project(id: "series-s01") { emissions { co2eG } avoidedEmissions { confirmedDeletions kgCo2ePerYear { low nominal high } } } }`;
    const booked = await waitFor(
      async () => {
        const p = (await ok(AVOIDED)).project;
        return p.avoidedEmissions.confirmedDeletions === 1 && p;
      },
      { timeoutMs: 60000, description: 'confirmation projected' },
    );
    // 10 TB HDD = 10 × 24 × 0.65 × 1.5 / 1000 × 200 = 46.8 g/day → × 365 / 1000 = 17.082 kg a
    // year (23.4 → 8.541, 70.2 → 25.623)
    expect(booked.avoidedEmissions.kgCo2ePerYear.nominal).toBeCloseTo(17.082, 9);
    expect(booked.avoidedEmissions.kgCo2ePerYear.low).toBeCloseTo(8.541, 9);
    expect(booked.avoidedEmissions.kgCo2ePerYear.high).toBeCloseTo(25.623, 9);
    // The failure is its own event: wait until it is projected too.
    const failed = await waitFor(
      async () => {
        const r = (await ok(`{ deletionRequests(status: FAILED) { requestId answerReason } }`))
          .deletionRequests;
        return r.length > 0 && r;
      },
      { timeoutMs: 60000, description: 'failure projected' },
    );
    expect(failed).toEqual([{ requestId: s3.requestId, answerReason: 'object lock' }]);

    // the same decision posted again is a replay; the audit names every step
    const again = (
      await ok(
        `mutation { requestDeletion(input: { projectId: "series-s01", artifactIds: ["sh020-v1"], reason: "retry", policyRef: "opa:retention/delete@2026-11", idempotencyKey: "opa-decision-1" }) { replayed requestIds } }`,
      )
    ).requestDeletion;
    // a replay answers the request ids the decision made, and emits nothing
    expect(again.replayed).toBe(true);
    expect([...again.requestIds].sort()).toEqual([...decided.requestIds].sort());
    const actions = (
      await ok(`{ retentionAudit { records { action } } }`)
    ).retentionAudit.records.map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'LEGAL_HOLD_SET',
      'POLICY_DEFINED',
      'ENFORCEMENT',
      'DELETION_REQUESTED',
      'DELETION_REQUESTED',
      'DELETION_CONFIRMED',
      'DELETION_FAILED',
    ]);
  });

  it('a MOVE policy enforced, pulled by a holder without Kafka, confirmed: the holding on tape, the tier difference booked', async () => {
    const start = Date.now() - 90 * DAY_MS;
    const { body } = otlpJsonRequest([
      {
        name: 'hold sh050-plates',
        startMs: start,
        durationS: 3600,
        attributes: {
          'greenops.project.id': 'series-s01',
          'greenops.activity.kind': 'storage',
          'greenops.pue': 1.5,
          'greenops.carbon_intensity.g_per_kwh': 200,
          'greenops.artifact.id': 'sh050-plates',
          'greenops.artifact.status': 'archived',
          'greenops.storage.bytes': 1e13,
          'greenops.storage.media': 'hdd',
          'greenops.storage.system': 'isilon-ldn-1',
        },
      },
    ]);
    expect((await postOtlpJson(urls.http, apiKey, body)).status).toBe(200);
    const policyId: string = (
      await ok(
        `mutation { defineRetentionPolicy(input: { name: "archived plates to tape", selector: { statuses: ["archived"], minAgeDays: 30 }, action: MOVE, toMedia: "tape", graceDays: 0 }) { policyId } }`,
      )
    ).defineRetentionPolicy.policyId;
    // the policy and the holding are projected asynchronously: enforce once both are in
    await waitFor(
      async () => {
        const d = await ok(
          `query($id: ID!) { retentionPreview(policyId: $id) { candidateCount } }`,
          { id: policyId },
        );
        return d.retentionPreview?.candidateCount === 1;
      },
      {
        timeoutMs: 60000,
        description: `MOVE policy and holding projected (log:\n${platform.log})`,
      },
    );
    const enforced = (
      await ok(
        `mutation($id: ID!) { enforceRetention(policyId: $id, idempotencyKey: "tape-nightly-1") { requestIds } }`,
        { id: policyId },
      )
    ).enforceRetention;
    expect(enforced.requestIds).toHaveLength(1);

    // a deletion poller never sees the move; a move poller asks for action: MOVE
    const PULL = `query($action: RetentionActionKind) { deletionRequests(system: "isilon-ldn-1", status: PENDING, action: $action) { requestId artifactId action fromMedia toMedia sendCount co2eGPerDay { nominal } } }`;
    const [move] = await waitFor(
      async () => {
        const r = (await ok(PULL, { action: 'MOVE' })).deletionRequests;
        return r.length === 1 && r[0].sendCount === 1 && r;
      },
      { timeoutMs: 60000, description: 'the move projected and sent' },
    );
    expect(move).toMatchObject({
      requestId: enforced.requestIds[0],
      artifactId: 'sh050-plates',
      action: 'MOVE',
      fromMedia: 'hdd',
      toMedia: 'tape',
    });
    expect((await ok(PULL, {})).deletionRequests).toEqual([]);
    // tape (libs/factors storage.tape.wh-per-tb-hour, 0.065 (0–0.65) Wh/TB-h, 1 copy):
    // 10 × 24 × 0.065 × 1.5 / 1000 × 200 = 4.68 g/day; avoided 46.8 − 4.68 = 42.12 g/day
    expect(move.co2eGPerDay.nominal).toBeCloseTo(42.12, 9);
    await ok(
      `mutation($id: ID!) { confirmMove(requestId: $id, movedBytes: 1e13, reason: "written to LTO-9") { eventId } }`,
      { id: move.requestId },
    );
    const after = await waitFor(
      async () => {
        const d = await ok(
          `{ artifact(projectId: "series-s01", id: "sh050-plates") { holdings { media co2eGPerDay { nominal } } }
             project(id: "series-s01") { avoidedEmissions { confirmedDeletions confirmedMoves kgCo2ePerYear { low nominal high } } } }`,
        );
        return d.project.avoidedEmissions.confirmedMoves === 1 && d;
      },
      { timeoutMs: 60000, description: 'move confirmation projected' },
    );
    expect(after.artifact.holdings).toHaveLength(1);
    expect(after.artifact.holdings[0].media).toBe('tape');
    expect(after.artifact.holdings[0].co2eGPerDay.nominal).toBeCloseTo(4.68, 9);
    // booked for the project: the deletion above, 46.8 g/day (23.4–70.2), and the move,
    // 42.12 g/day (low 23.4 − 46.8 → 0; high 70.2 − 0 = 70.2):
    // (46.8 + 42.12) × 365 / 1000 = 32.4558 kg/yr; low 23.4 × 0.365 = 8.541; high 140.4 × 0.365 = 51.246
    const avoided = after.project.avoidedEmissions;
    expect(avoided.confirmedDeletions).toBe(1);
    expect(avoided.kgCo2ePerYear.nominal).toBeCloseTo(32.4558, 9);
    expect(avoided.kgCo2ePerYear.low).toBeCloseTo(8.541, 9);
    expect(avoided.kgCo2ePerYear.high).toBeCloseTo(51.246, 9);
    const actions = (
      await ok(`{ retentionAudit(first: 100) { records { action } } }`)
    ).retentionAudit.records.map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'LEGAL_HOLD_SET',
      'POLICY_DEFINED',
      'ENFORCEMENT',
      'DELETION_REQUESTED',
      'DELETION_REQUESTED',
      'DELETION_CONFIRMED',
      'DELETION_FAILED',
      'POLICY_DEFINED',
      'ENFORCEMENT',
      'MOVE_REQUESTED',
      'MOVE_CONFIRMED',
    ]);
  });
});
