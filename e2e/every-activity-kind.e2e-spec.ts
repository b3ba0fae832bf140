import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  calibrateDiffusion,
  diffusionGpuWh,
  latentTokens,
  WAN2_1_T2V_1_3B,
} from '@greenops/methodology';
import { waitFor } from '@greenops/testing';
import {
  everyKindScenario,
  sumExpectations,
  VIDEO_BY_HAND,
  type ExpectedEmissions,
  type SpanExpectation,
  standardVideo720pGcpByHand,
} from './support/every-kind-scenario';
import { expectEmissions, type EmissionsLike } from './support/expect-emissions';
import { freePort } from '@greenops/testing';
import { EMISSIONS_FIELDS, graphql } from './support/graphql-client';
import { OtelSender } from './support/otel-senders';
import { otlpJsonRequest, postOtlpJson } from './support/otlp-json';
import { ServiceProcess } from './support/service-process';

interface ScopeRow {
  scope: number;
  category: string;
  activityCount: number;
  emissions: EmissionsLike;
}
interface ProjectData {
  project: { emissions: EmissionsLike; byScope: ScopeRow[] } | null;
}

const PROJECT = 'all-kinds';
/** The same spans sent as one OTLP/JSON request, whose response says whether any span was rejected. */
const JSON_PROJECT = 'all-kinds-json';
/** The same spans again as OTLP/JSON, projected and compared with the figures worked by hand. */
const JSON_FIGURES_PROJECT = 'all-kinds-json-figures';

/** The scenario's spans for `projectId` as one OTLP/JSON request body (fresh trace and span ids). */
function jsonRequestFor(projectId: string) {
  const jsonSpans = everyKindScenario(projectId).map(({ span }) => ({
    ...span,
    attributes: span.attributes as Record<string, string | number>,
  }));
  return otlpJsonRequest(jsonSpans).body;
}

/**
 * One span of every activity kind through the running system
 * (embedded mode, as `npm start` runs it), results by GHG scope, each figure worked by hand
 * (e2e/support/every-kind-scenario.ts shows the arithmetic).
 */
describe('every activity kind, through the running platform, by scope', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-e2e-kinds-'));
  const apiKey = 'every-kind-e2e-key-0123456789';
  const scenario = everyKindScenario(PROJECT);
  let platform: ServiceProcess;
  let urls: { http: string; grpc: string; graphql: string };

  const query = `query($id: ID!) { project(id: $id) {
    emissions { ${EMISSIONS_FIELDS} }
    byScope { scope category activityCount emissions { ${EMISSIONS_FIELDS} } } } }`;

  async function projectData(id: string): Promise<ProjectData['project']> {
    const { body } = await graphql<ProjectData>(urls.graphql, apiKey, query, { id });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data?.project ?? null;
  }

  async function projected(id: string): Promise<NonNullable<ProjectData['project']>> {
    let last: ProjectData['project'] = null;
    try {
      return await waitFor(
        async () => {
          last = await projectData(id);
          const count = last?.byScope.reduce((n, row) => n + row.activityCount, 0) ?? 0;
          return count >= scenario.length ? last! : undefined;
        },
        { timeoutMs: 60000, description: `${scenario.length} activities of ${id} projected` },
      );
    } catch (error) {
      // Show what did land (a kind rejected or skipped by the projector is missing from its scope).
      throw new Error(
        `${(error as Error).message}\nlast byScope: ${JSON.stringify(last)}\nplatform log:\n${platform.log}`,
      );
    }
  }

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    urls = {
      http: `http://127.0.0.1:${httpPort}/v1/traces`,
      grpc: `http://127.0.0.1:${grpcPort}`,
      graphql: `http://127.0.0.1:${graphqlPort}/graphql`,
    };
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', {
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: apiKey,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    });
    await platform.start(/GraphQL\s+http/, 120000);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reproduces the video model calibration point by hand: 8 s × 24 fps, 50 steps, 720p = 381 Wh GPU', () => {
    // L₇₂₀ = (1 + 191/4) × (1280/16) × (720/16) = 48.75 × 80 × 45 = 175,500; L₁₀₈₀ = 48.75 × 120 × 67.5 = 394,875.
    expect(VIDEO_BY_HAND.l720).toBe(175_500);
    expect(VIDEO_BY_HAND.l1080).toBe(394_875);
    // docs/methodology.md: b = 2.2851e-10 Wh/token²/step, a = 3.3150e-6 Wh/token/step (5 s.f.).
    expect(VIDEO_BY_HAND.b).toBeCloseTo(2.2851e-10, 14);
    expect(VIDEO_BY_HAND.a).toBeCloseTo(3.315e-6, 9);
    // With the rounded constants: 50 × (3.3150e-6 × 175,500 + 2.2851e-10 × 175,500²) = 50 × (0.581783 + 7.038165) = 380.997 Wh.
    expect(50 * (3.315e-6 * 175_500 + 2.2851e-10 * 175_500 ** 2)).toBeCloseTo(381, 1);
    // The engine's pure functions, as the projector runs them, give the same figure.
    const spec720 = { width: 1280, height: 720, frames: 192, steps: 50 };
    const spec1080 = { width: 1920, height: 1080, frames: 192, steps: 50 };
    const g = WAN2_1_T2V_1_3B.geometry;
    expect(latentTokens(spec720, g)).toBe(175_500);
    const constants = calibrateDiffusion(
      { spec: spec720, gpuWh: 381 },
      { spec: spec1080, gpuWh: 1847 },
      g,
    );
    expect(diffusionGpuWh(spec720, g, constants)).toBeCloseTo(381, 9);
    expect(VIDEO_BY_HAND.gpuWh720).toBeCloseTo(381, 9);
  });

  it('accepts one span of every kind: the OTLP/JSON response rejects none', async () => {
    const kinds = new Set(scenario.map((s) => s.span.attributes['greenops.activity.kind']));
    expect([...kinds].sort()).toEqual([
      'accommodation',
      'ai.inference',
      'onset.energy',
      'render',
      'storage',
      'transfer',
      'travel',
      'workstation',
    ]);
    const response = await postOtlpJson(urls.http, apiKey, jsonRequestFor(JSON_PROJECT));
    expect(response.status).toBe(200);
    expect(response.json.partialSuccess).toBeUndefined(); // ingest writes partialSuccess only when it rejects spans
  });

  it('projects spans from the OTLP/HTTP and OTLP/gRPC exporters into the right scopes, to the figures worked by hand', async () => {
    const http = OtelSender.httpProtobuf(urls.http, apiKey);
    const grpc = OtelSender.grpc(urls.grpc, apiKey);
    const half = Math.ceil(scenario.length / 2);
    await http.send(scenario.slice(0, half).map((s) => s.span));
    await grpc.send(scenario.slice(half).map((s) => s.span));
    await Promise.all([http.shutdown(), grpc.shutdown()]);

    const project = await projected(PROJECT);

    // — every span projected, each into its scope and category (docs §7) —
    const expectedRows = new Map<string, { scope: number; category: string; keys: string[] }>();
    for (const s of scenario) {
      const row = expectedRows.get(s.category) ?? {
        scope: s.scope,
        category: s.category,
        keys: [],
      };
      row.keys.push(s.key);
      expectedRows.set(s.category, row);
    }
    expect(
      project.byScope
        .map((r) => ({ scope: r.scope, category: r.category, activityCount: r.activityCount }))
        .sort(byCategory),
    ).toEqual(
      [...expectedRows.values()]
        .map((r) => ({ scope: r.scope, category: r.category, activityCount: r.keys.length }))
        .sort(byCategory),
    );
    // Scope 1 is exactly the diesel generator; scope 2 the on-set grid tie-in and our own render and
    // workstation; scope 3 the cloud AI calls, the transfer, the cloud storage, travel and the hotel.
    expect(expectedRows.get('scope1.stationary-combustion')?.keys).toEqual([
      'onset.energy diesel generator',
    ]);
    expect(expectedRows.get('scope2.purchased-electricity')?.keys.sort()).toEqual([
      'onset.energy grid tie-in',
      'render (power × time, own nodes)',
      'workstation (measured)',
    ]);
    expect(project.byScope.reduce((n, r) => n + r.activityCount, 0)).toBe(scenario.length);

    // — per category, the figures worked by hand —
    for (const row of project.byScope) {
      const expected = sumExpectations(
        scenario.filter((s) => s.category === row.category).map((s) => s.expected),
      );
      expectFigures(`${row.category}`, row.emissions, expected);
    }

    // — per scope (categories summed), and the invariants: co2e = operational + embodied + training,
    //   low ≤ nominal ≤ high (checked by expectEmissions), total = sum of scopes —
    const perScope = new Map<number, ExpectedEmissions>();
    for (const scope of [1, 2, 3]) {
      const expected = sumExpectations(
        scenario.filter((s) => s.scope === scope).map((s) => s.expected),
      );
      perScope.set(scope, expected);
      expectFigures(
        `scope ${scope}`,
        sumRows(project.byScope.filter((r) => r.scope === scope)),
        expected,
      );
    }
    const total = sumExpectations(scenario.map((s) => s.expected));
    expectFigures('project', project.emissions, total);
    expectFigures('project = Σ scopes', project.emissions, sumRows(project.byScope));

    // A readable record of the figures in the test output.
    console.log(
      [1, 2, 3]
        .map((s) => perScope.get(s)!)
        .map(
          (e, i) =>
            `scope ${i + 1}: co2e ${e.co2eG.toFixed(3)} g (low ${e.lowG.toFixed(3)}, high ${e.highG.toFixed(3)}), market ${e.co2eMarketG.toFixed(3)} g, ${e.energyKwh.toFixed(6)} kWh`,
        )
        .concat(
          `total: co2e ${total.co2eG.toFixed(3)} g (low ${total.lowG.toFixed(3)}, high ${total.highG.toFixed(3)}), market ${total.co2eMarketG.toFixed(3)} g`,
        )
        .join('\n'),
    );
  });

  it('gives the same figures worked by hand for the same spans sent as OTLP/JSON', async () => {
    const response = await postOtlpJson(urls.http, apiKey, jsonRequestFor(JSON_FIGURES_PROJECT));
    expect(response.status).toBe(200);
    const viaJson = await projected(JSON_FIGURES_PROJECT);
    expectFigures(
      'OTLP/JSON project',
      viaJson.emissions,
      sumExpectations(scenario.map((s) => s.expected)),
    );
    const countsByCategory = new Map<string, number>();
    for (const s of scenario)
      countsByCategory.set(s.category, (countsByCategory.get(s.category) ?? 0) + 1);
    expect(
      viaJson.byScope
        .map((r) => [r.category, r.activityCount])
        .sort((a, b) => `${a[0]}`.localeCompare(`${b[0]}`)),
    ).toEqual([...countsByCategory].sort((a, b) => a[0].localeCompare(b[0])));
  });

  it('states its data quality and method for the same project: shares by tier, training option, factors with sources, downloads', async () => {
    await projected(JSON_FIGURES_PROJECT); // projected by the test above; waits when run alone
    // Share of a tier = Σ nominal location-based co2e of its spans ÷ Σ of all spans, from the
    // figures worked by hand (co2e = operational + embodied + training, nominal).
    const co2e = (e: SpanExpectation) =>
      e.operationalG.nominal + e.embodiedG.nominal + e.trainingG.nominal;
    const total = scenario.reduce((g, s) => g + co2e(s.expected), 0);
    const shareOf = (tier: string) =>
      scenario.filter((s) => s.tier === tier).reduce((g, s) => g + co2e(s.expected), 0) / total;
    // Spans carrying model-creation (training) emissions: the cloud AI calls, under option 1a
    // (the shipped default: per unit of inference energy, Carbon Trust 2026 Table 6).
    const withTraining = scenario.filter((s) => s.expected.trainingG.nominal > 0).length;
    expect(withTraining).toBe(3);

    const { body } = await graphql<{
      project: {
        dataQuality: { measuredShare: number; modelledShare: number; proxyShare: number };
        methodologyStatement: {
          activityCount: number;
          co2e: { nominalG: number };
          methods: Array<{ tier: string; activityCount: number }>;
          trainingAllocation: { applied: Array<{ option: string; activityCount: number }> };
          factors: Array<{ id: string; source: string; year: number; unit: string }>;
          exclusions: Array<{ item: string; justification: string }>;
        };
      } | null;
    }>(
      urls.graphql,
      apiKey,
      `
        query ($id: ID!) {
          project(id: $id) {
            dataQuality {
              measuredShare
              modelledShare
              proxyShare
            }
            methodologyStatement {
              activityCount
              co2e {
                nominalG
              }
              methods {
                tier
                activityCount
              }
              trainingAllocation {
                applied {
                  option
                  activityCount
                }
              }
              factors {
                id
                source
                year
                unit
              }
              exclusions {
                item
                justification
              }
            }
          }
        }
      `,
      { id: JSON_FIGURES_PROJECT },
    );
    expect(body.errors).toBeUndefined();
    const project = body.data!.project!;
    expect(project.dataQuality.measuredShare).toBeCloseTo(shareOf('measured'), 9);
    expect(project.dataQuality.modelledShare).toBeCloseTo(shareOf('modelled'), 9);
    expect(project.dataQuality.proxyShare).toBeCloseTo(shareOf('proxy'), 9);
    const statement = project.methodologyStatement;
    expect(statement.activityCount).toBe(scenario.length);
    expect(statement.co2e.nominalG).toBeCloseTo(total, 6);
    for (const tier of ['measured', 'modelled', 'proxy']) {
      expect(
        statement.methods.filter((m) => m.tier === tier).reduce((n, m) => n + m.activityCount, 0),
      ).toBe(scenario.filter((s) => s.tier === tier).length);
    }
    expect(statement.trainingAllocation.applied).toEqual([
      { option: '1a', activityCount: withTraining },
    ]);
    // The GB grid factor the render, transfer, grid tie-in and hotel used, with its published source.
    expect(statement.factors.find((f) => f.id === 'grid.location.GB')).toEqual({
      id: 'grid.location.GB',
      source: expect.stringMatching(/Ember/),
      year: expect.any(Number),
      unit: 'gCO2e/kWh',
    });
    expect(statement.exclusions.length).toBeGreaterThan(0);
    for (const e of statement.exclusions) expect(e.justification.length).toBeGreaterThan(20);

    // The same statement as downloads for a report's appendix.
    const base = urls.graphql.replace(/\/graphql$/, '');
    const auth = { authorization: `Bearer ${apiKey}` };
    const json = await fetch(`${base}/reports/projects/${JSON_FIGURES_PROJECT}/statement.json`, {
      headers: auth,
    });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain(
      `${JSON_FIGURES_PROJECT}-statement.json`,
    );
    const downloaded = (await json.json()) as {
      dataQuality: { measuredShare: number };
      activityCount: number;
    };
    expect(downloaded.activityCount).toBe(scenario.length);
    expect(downloaded.dataQuality.measuredShare).toBeCloseTo(shareOf('measured'), 9);
    const md = await fetch(`${base}/reports/projects/${JSON_FIGURES_PROJECT}/statement.md`, {
      headers: auth,
    });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await md.text();
    expect(text).toContain(`# Methodological statement: project ${JSON_FIGURES_PROJECT}`);
    expect(text).toContain(`${(shareOf('measured') * 100).toFixed(1)} %`);

    // Without a key, and for a project the tenant has no data for: clear refusals.
    const anonymous = await fetch(
      `${base}/reports/projects/${JSON_FIGURES_PROJECT}/statement.json`,
    );
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
      'UNAUTHENTICATED',
    );
    const unknown = await fetch(`${base}/reports/projects/no-such-project/statement.md`, {
      headers: auth,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('computes the SCI of a standard functional unit with the same models: a 5-s 720p video on Google Cloud us-central1', async () => {
    const { latentTokens, expected } = standardVideo720pGcpByHand();
    expect(latentTokens).toBe(137_700);
    const { body } = await graphql<{
      standardSci: {
        functionalUnit: string;
        quantity: number;
        co2eGPerUnit: number;
        lowGPerUnit: number;
        highGPerUnit: number;
      };
    }>(
      urls.graphql,
      apiKey,
      `
        {
          standardSci(
            per: VIDEO_5S_720P_30FPS_50STEPS
            cloudProvider: "gcp"
            cloudRegion: "us-central1"
          ) {
            functionalUnit
            quantity
            co2eGPerUnit
            lowGPerUnit
            highGPerUnit
          }
        }
      `,
    );
    expect(body.errors).toBeUndefined();
    const sci = body.data!.standardSci;
    const byHand = sumExpectations([expected]);
    expect(sci.functionalUnit).toMatch(/5-second video at 720p/);
    expect(sci.quantity).toBe(1);
    expect(sci.co2eGPerUnit).toBeCloseTo(byHand.co2eG, 6);
    expect(sci.lowGPerUnit).toBeCloseTo(byHand.lowG, 6);
    expect(sci.highGPerUnit).toBeCloseTo(byHand.highG, 6);
    // An unknown unit is a GraphQL validation error, not a server error.
    const wrong = await graphql(
      urls.graphql,
      apiKey,
      '{ standardSci(per: VIDEO_10S) { quantity } }',
    );
    expect(wrong.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('allocates a metered period to its outputs by GPU-hours, idle capacity in its own category, and takes a corrected reading', async () => {
    // A render farm's 720-h month in its own GB server room (docs/methodology.md §6b):
    // 2,000 kWh × PUE 1.8 × 215.79 g/kWh (GB, Ember) + one report workstation's embodied share
    // 447,000 g × 720 h / 21,900 h = 776,844 + 14,695.89 = 791,539.89 g.
    const meterG = (kwh: number) => kwh * 1.8 * 215.79 + (447_000 * 720) / 21_900;
    const idle = 1 - 4600 / 5760; // 1,200 + 2,400 + 1,000 GPU-hours used of 8 GPUs × 720 h
    const record = (energyKwh: number) =>
      graphql<{
        recordMeteredPeriod: {
          idleShare: number;
          lines: Array<{ projectId: string; component: string; co2eG: number }>;
        };
      }>(
        urls.graphql,
        apiKey,
        `
          mutation ($input: MeteredPeriodInput!) {
            recordMeteredPeriod(input: $input) {
              idleShare
              lines {
                projectId
                component
                co2eG
              }
            }
          }
        `,
        {
          input: {
            periodId: 'farm-ldn-2026-10',
            site: 'farm-ldn',
            from: '2026-10-01T00:00:00Z',
            to: '2026-10-31T00:00:00Z',
            energyKwh,
            country: 'GB',
            facilityType: 'SERVER_ROOM',
            key: 'GPU_HOURS',
            outputs: [
              { projectId: 'metered-series', artifactId: 'sh010', quantity: 1200 },
              { projectId: 'metered-series', artifactId: 'sh020', quantity: 2400 },
              { projectId: 'metered-commercial', quantity: 1000 },
            ],
            idleCapacity: 5760,
          },
        },
      );
    const first = await record(2000);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.recordMeteredPeriod.idleShare).toBeCloseTo(idle, 9);
    // sh010: metered 1,200 / 5,760 × 791,539.89 = 164,904.14 g; idle 20.14 % × 1,200 / 4,600 × … = 41,584.52 g
    expect(first.body.data!.recordMeteredPeriod.lines.slice(0, 2)).toEqual([
      { projectId: 'metered-series', component: 'metered', co2eG: expect.closeTo(164_904.14, 1) },
      {
        projectId: 'metered-series',
        component: 'idle-capacity',
        co2eG: expect.closeTo(41_584.52, 1),
      },
    ]);

    type Totals = {
      project: {
        emissions: { co2eG: number };
        byScope: Array<{ category: string; emissions: { co2eG: number } }>;
      } | null;
    };
    const totals = async (id: string) =>
      (
        await graphql<Totals>(
          urls.graphql,
          apiKey,
          `
            query ($id: ID!) {
              project(id: $id) {
                emissions {
                  co2eG
                }
                byScope {
                  category
                  emissions {
                    co2eG
                  }
                }
              }
            }
          `,
          { id },
        )
      ).body.data?.project ?? null;
    const projectedTo = (id: string, g: number) =>
      waitFor(
        async () => {
          const t = await totals(id);
          return t && Math.abs(t.emissions.co2eG - g) < 0.01 ? t : undefined;
        },
        { timeoutMs: 60000, description: `${id} at ${g.toFixed(2)} g (log:\n${platform.log})` },
      );
    // Each output carries q / Q of the reading in all: the series 3,600 / 4,600, the commercial 1,000 / 4,600.
    const series = await projectedTo('metered-series', (3600 / 4600) * meterG(2000)); // 619,465.99 g
    await projectedTo('metered-commercial', (1000 / 4600) * meterG(2000)); // 172,073.89 g
    const byCategory = Object.fromEntries(
      series.byScope.map((r) => [r.category, r.emissions.co2eG]),
    );
    expect(byCategory['scope2.purchased-electricity']).toBeCloseTo(
      (1 - idle) * (3600 / 4600) * meterG(2000), // 494,712.43 g
      1,
    );
    expect(byCategory['scope2.purchased-electricity.idle-capacity']).toBeCloseTo(
      idle * (3600 / 4600) * meterG(2000), // 124,753.56 g
      1,
    );

    // The same period read again with 1,000 kWh replaces the allocation: 1,000 / 4,600 ×
    // (1,000 × 1.8 × 215.79 + 14,695.89) = 1,000 / 4,600 × 403,117.89 = 87,634.32 g.
    expect((await record(1000)).body.errors).toBeUndefined();
    await projectedTo('metered-commercial', (1000 / 4600) * meterG(1000));
    await projectedTo('metered-series', (3600 / 4600) * meterG(1000));

    const refused = await graphql(
      urls.graphql,
      apiKey,
      `
        mutation {
          recordMeteredPeriod(
            input: {
              periodId: "x"
              site: "s"
              from: "2026-10-01T00:00:00Z"
              to: "2026-10-31T00:00:00Z"
              energyKwh: 10
              key: JOB_HOURS
              outputs: [{ projectId: "p", quantity: 0 }]
            }
          ) {
            eventId
          }
        }
      `,
    );
    expect(refused.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.outputs',
    });
  });
});

function byCategory(a: { category: string }, b: { category: string }): number {
  return a.category.localeCompare(b.category);
}

function sumRows(rows: readonly ScopeRow[]): EmissionsLike {
  const fields = [
    'energyKwh',
    'co2eG',
    'co2eMarketG',
    'operationalG',
    'embodiedG',
    'trainingG',
    'lowG',
    'highG',
  ] as const;
  const out = Object.fromEntries(fields.map((f) => [f, 0])) as unknown as EmissionsLike;
  for (const row of rows) for (const f of fields) out[f] += row.emissions[f];
  return out;
}

/** Every field equal (6 decimals, as expectEmissions), labelled so a failure names the scope. */
function expectFigures(
  label: string,
  actual: EmissionsLike,
  expected: ExpectedEmissions | EmissionsLike,
): void {
  expect({ label, ...actual }).toEqual({
    label,
    ...Object.fromEntries(
      Object.entries(expected).map(([k, v]) => [k, expect.closeTo(v as number, 6)]),
    ),
  });
  expectEmissions(actual, expected);
}
