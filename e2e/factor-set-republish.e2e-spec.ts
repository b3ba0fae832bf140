import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@greenops/testing';
import { freePort } from '@greenops/testing';
import { EMISSIONS_FIELDS, graphql } from './support/graphql-client';
import { expectEmissions, type EmissionsLike } from './support/expect-emissions';
import { OtelSender } from './support/otel-senders';
import { otlpJsonRequest, postOtlpJson } from './support/otlp-json';
import { gbRender, hostEmbodiedG } from './support/render-scenario';
import { ServiceProcess } from './support/service-process';

/**
 * Factor sets as events (docs/architecture.md, "Factor sets and projection rebuilds"), embedded mode: a tenant publishes its own grid
 * factor; the projector replays the log into a new projection version with it and switches.
 */
describe('republishing a factor set recomputes the projection (embedded)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-factors-'));
  const apiKey = 'factor-set-e2e-key-0123456789';
  let platform: ServiceProcess;
  let urls: { http: string; graphql: string };

  const projectQuery = `query($id: ID!) { project(id: $id) { emissions { ${EMISSIONS_FIELDS} } } }`;
  const publish = `mutation($input: PublishFactorSetInput!) { publishFactorSet(input: $input) { version baseVersion factorCount } }`;
  const statusQuery =
    '{ projection { currentVersion factorSetVersion building { version partitions partitionsDone } } }';

  async function query<T>(q: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await graphql<T>(urls.graphql, apiKey, q, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }
  const emissions = async (id = 'grid-project') =>
    (await query<{ project: { emissions: EmissionsLike } | null }>(projectQuery, { id })).project
      ?.emissions;

  /** The tenant's GB grid factor (the first set each test publishes). */
  const gbContract = {
    name: 'Studio B supply contract 2026',
    factors: [
      {
        id: 'grid.location.GB',
        value: 120,
        unit: 'gCO2e/kWh',
        source: 'Studio B metered supply, 2026 contract',
        year: 2026,
        low: 110,
        high: 130,
      },
    ],
  };

  type Projection = {
    currentVersion: number;
    factorSetVersion: string | null;
    building: unknown;
  };
  const projection = async () => (await query<{ projection: Projection }>(statusQuery)).projection;

  /** Waits until the tenant is served `factorSetVersion` with nothing building. */
  async function servedSet(factorSetVersion: string): Promise<Projection> {
    return waitFor(
      async () => {
        const p = await projection();
        return p.factorSetVersion === factorSetVersion && p.building === null ? p : undefined;
      },
      {
        timeoutMs: 60000,
        description: `factor set ${factorSetVersion} served (log:\n${platform.log})`,
      },
    );
  }

  /**
   * Sends one render to its own project and waits until it is projected. The embedded log is a
   * single ordered partition, so every event appended before it (e.g. a publication) was handled.
   */
  async function sentinel(project: string): Promise<void> {
    const sender = OtelSender.httpProtobuf(urls.http, apiKey);
    await sender.send([gbRender(0, project)]);
    await sender.shutdown();
    await waitFor(async () => (await emissions(project)) !== undefined, {
      timeoutMs: 60000,
      description: `sentinel ${project} projected`,
    });
  }

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', {
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: apiKey,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    });
    await platform.start(/GraphQL\s+http/, 120000);
    urls = {
      http: `http://127.0.0.1:${httpPort}/v1/traces`,
      graphql: `http://127.0.0.1:${graphqlPort}/graphql`,
    };
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('recomputes past activities with the new factor, then keeps using it', async () => {
    const sender = OtelSender.httpProtobuf(urls.http, apiKey);
    await sender.send([gbRender(0), gbRender(1)]);
    await waitFor(async () => ((await emissions())?.energyKwh ?? 0) >= 2 - 1e-9, {
      timeoutMs: 60000,
      description: 'two renders projected',
    });
    // Shipped catalogue: GB grid 215.79 g/kWh (Ember, via @tgwf/co2). No cloud: PUE 1.0.
    // 2 × 1 kWh × 215.79 = 431.58 g, plus two one-hour host embodied shares.
    expectEmissions(await emissions(), {
      energyKwh: 2,
      operationalG: 431.58,
      co2eG: 431.58 + 2 * hostEmbodiedG(3600),
    });

    const input = gbContract;
    const published = (
      await query<{ publishFactorSet: { version: string; factorCount: number } }>(publish, {
        input,
      })
    ).publishFactorSet;
    expect(published.factorCount).toBe(1);

    await waitFor(
      async () => {
        const { projection } = await query<{
          projection: { currentVersion: number; factorSetVersion: string | null };
        }>(statusQuery);
        return projection.currentVersion === 2 && projection.factorSetVersion === published.version;
      },
      { timeoutMs: 60000, description: `switch to projection v2 (log:\n${platform.log})` },
    );
    // Tenant factor: 2 × 1 kWh × 120 g/kWh = 240 g; embodied unchanged.
    expectEmissions(await emissions(), {
      energyKwh: 2,
      operationalG: 240,
      co2eG: 240 + 2 * hostEmbodiedG(3600),
    });

    // New activities use the tenant's factor set too: + 1 kWh × 120 g/kWh.
    await sender.send([gbRender(2)]);
    await sender.shutdown();
    await waitFor(async () => ((await emissions())?.energyKwh ?? 0) >= 3 - 1e-9, {
      timeoutMs: 60000,
      description: 'third render projected',
    });
    expectEmissions(await emissions(), {
      energyKwh: 3,
      operationalG: 360,
      co2eG: 360 + 3 * hostEmbodiedG(3600),
    });

    // Publishing the same overrides again is the same factor set: no new rebuild.
    const again = (await query<{ publishFactorSet: { version: string } }>(publish, { input }))
      .publishFactorSet;
    expect(again.version).toBe(published.version);
    // Proof that the republication was handled and started nothing: a span appended after it
    // is projected, and still nothing is building.
    await sentinel('republish-sentinel');
    expect(await projection()).toMatchObject({ currentVersion: 2, building: null });
    const { factorSets } = await query<{
      factorSets: Array<{ version: string; factors: Array<{ id: string; value: number }> }>;
    }>('{ factorSets { version factors { id value } } }');
    expect(factorSets).toEqual([
      { version: published.version, factors: [{ id: 'grid.location.GB', value: 120 }] },
    ]);
  });

  it('extends the latest set with a contract (market-based) figure, keeping its other factors', async () => {
    // Self-contained: its own project, and its own base set (the same overrides as above, so
    // the same content-addressed version whether or not the test above ran).
    const project = 'ppa-project';
    const sender = OtelSender.httpProtobuf(urls.http, apiKey);
    await sender.send([gbRender(0, project), gbRender(1, project), gbRender(2, project)]);
    await sender.shutdown();
    const base = (
      await query<{ publishFactorSet: { version: string } }>(publish, { input: gbContract })
    ).publishFactorSet;
    const before = await servedSet(base.version);
    await waitFor(async () => ((await emissions(project))?.energyKwh ?? 0) >= 3 - 1e-9, {
      timeoutMs: 60000,
      description: 'three renders projected',
    });

    const input = {
      name: 'Studio B PPA',
      extendLatest: true,
      factors: [
        {
          id: 'grid.market.GB',
          value: 20,
          unit: 'gCO2e/kWh',
          source: 'Studio B PPA certificate 2026',
          year: 2026,
        },
      ],
    };
    const published = (
      await query<{ publishFactorSet: { version: string; factorCount: number } }>(publish, {
        input,
      })
    ).publishFactorSet;
    expect(published.factorCount).toBe(2); // the GB grid override kept, the contract figure added
    expect((await servedSet(published.version)).currentVersion).toBe(before.currentVersion + 1);
    // Location-based at the tenant's 120 g/kWh: 3 × 1 kWh × 120 = 360 g.
    // Market-based at the contract's 20 g/kWh: 3 × 1 kWh × 20 = 60 g.
    expectEmissions(await emissions(project), {
      energyKwh: 3,
      operationalG: 360,
      co2eG: 360 + 3 * hostEmbodiedG(3600),
      co2eMarketG: 60 + 3 * hostEmbodiedG(3600),
    });
  });
  it('lets the tenant choose training option 1b by publishing it; every result records the option', async () => {
    // WAN2.1-T2V-1.3B run on a local workstation: 10 videos, 2 kWh IT energy metered, France.
    const project = 'training-choice';
    const span = {
      name: 'previz batch',
      startMs: Date.now() - 3_600_000,
      durationS: 3600,
      attributes: {
        'greenops.project.id': project,
        'greenops.activity.kind': 'ai.inference',
        'gen_ai.request.model': 'Wan2.1-T2V-1.3B',
        'greenops.ai.modality': 'video',
        'greenops.ai.videos': 10,
        'greenops.energy.kwh': 2,
        'greenops.hw.model': 'workstation',
        'greenops.location.country': 'FR',
      },
    };
    expect((await postOtlpJson(urls.http, apiKey, otlpJsonRequest([span]).body)).status).toBe(200);
    // Declared model creation (Carbon Trust 2026, App. 3 "Local compute (training)", nominal
    // 100 t over 84,000 users × 500 videos × 93 Wh). Option 1a, per kWh of inference IT energy:
    //   100e6 g / (84,000 × 500 × 0.093 kWh) = 25.60164 g/kWh × 2 kWh = 51.20328 g.
    // Option 1b, per inference: 100e6 g / (84,000 × 500) = 2.380952 g × 10 videos = 23.80952 g.
    const trainingG1a = (2 * 100e6) / (84_000 * 500 * 0.093);
    const trainingG1b = (10 * 100e6) / (84_000 * 500);
    await waitFor(async () => (await emissions(project)) !== undefined, {
      timeoutMs: 60000,
      description: 'local AI batch projected',
    });
    expect((await emissions(project))?.trainingG).toBeCloseTo(trainingG1a, 6);

    const optionQuery = `query($id: ID!) { project(id: $id) {
      emissions { trainingG } methodologyStatement { trainingAllocation { applied { option activityCount } } methodologyVersions } } }`;
    type OptionAnswer = {
      project: {
        emissions: { trainingG: number };
        methodologyStatement: {
          trainingAllocation: { applied: Array<{ option: string; activityCount: number }> };
          methodologyVersions: string[];
        };
      };
    };
    let answer = await query<OptionAnswer>(optionQuery, { id: project });
    expect(answer.project.methodologyStatement.trainingAllocation.applied).toEqual([
      { option: '1a', activityCount: 1 },
    ]);

    const published = (
      await query<{ publishFactorSet: { version: string } }>(publish, {
        input: {
          name: 'Studio B: training per inference',
          factors: [
            {
              id: 'method.training.allocation',
              value: 2,
              unit: 'option',
              source: 'Studio B reporting policy 2026: Carbon Trust Table 6 option 1b',
              year: 2026,
            },
          ],
        },
      })
    ).publishFactorSet;
    await servedSet(published.version);
    answer = await query<OptionAnswer>(optionQuery, { id: project });
    expect(answer.project.emissions.trainingG).toBeCloseTo(trainingG1b, 6);
    expect(answer.project.methodologyStatement.trainingAllocation.applied).toEqual([
      { option: '1b', activityCount: 1 },
    ]);
    expect(answer.project.methodologyStatement.methodologyVersions).toEqual([
      expect.stringMatching(/\+training\.1b$/),
    ]);
  });
  it('recomputes metered periods in a rebuild, like spans', async () => {
    const project = 'metered-rebuild';
    const recorded = await query<{ recordMeteredPeriod: { eventId: string } }>(
      `mutation($input: MeteredPeriodInput!) { recordMeteredPeriod(input: $input) { eventId } }`,
      {
        input: {
          periodId: 'rebuild-farm-2026-10',
          site: 'farm-b',
          from: '2026-10-01T00:00:00Z',
          to: '2026-10-31T00:00:00Z', // 720 h
          energyKwh: 2000,
          country: 'GB',
          facilityType: 'SERVER_ROOM',
          key: 'JOB_HOURS',
          outputs: [{ projectId: project, quantity: 10 }],
        },
      },
    );
    expect(recorded.recordMeteredPeriod.eventId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(async () => (await emissions(project)) !== undefined, {
      timeoutMs: 60000,
      description: 'metered period projected',
    });
    const published = (
      await query<{ publishFactorSet: { version: string } }>(publish, {
        input: {
          name: 'Studio B metered supply',
          factors: [
            {
              id: 'grid.location.GB',
              value: 100,
              unit: 'gCO2e/kWh',
              source: 'Studio B metered supply, October 2026',
              year: 2026,
            },
          ],
        },
      })
    ).publishFactorSet;
    await servedSet(published.version);
    // One output takes the whole reading: 2,000 kWh × PUE 1.8 (server room) × 100 g/kWh
    // + one report workstation's embodied share 447,000 g × 720 h / 21,900 h = 360,000 + 14,695.89 g.
    expect((await emissions(project))?.co2eG).toBeCloseTo(360_000 + (447_000 * 720) / 21_900, 2);
  });
});
