import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anonymisedDistribution, benchmarkValue, tenantContribution } from '@greenops/methodology';
import {
  EmissionQueries,
  insightsReads,
  openEmbeddedTimescale,
  openPostgres,
  ARTIFACT_KPI_DAILY_BUILD,
  PROJECT_KPI_AGGREGATE_BUILD,
  type DatabaseHandle,
} from '@greenops/persistence';
import { BenchDatabase } from './bench-database';

/**
 * Dashboard queries over synthetic facts: the portfolio list, a project's overview, KPIs and
 * weekly series (and the KPIs over a window whose ends fall inside a day), a page of its artifact tree, a production-type benchmark within the tenant and
 * across tenants, each next to the raw SQL of the same aggregate from emission_facts, in the
 * same run. A benchmark, not a test (it asserts nothing).
 *
 *   npm run build && node dist/tools/bench/src/dashboard-queries.bench.js \
 *     [--facts 10000000] [--runs 20] [--raw-runs 5] [--backend postgres|timescale] \
 *     [--json results.json] [--verify 40000]
 *     [--load-only] [--keep] [--database bench_… | --data-dir DIR] [--loaded N] [--defer-indexes]
 *     [--measure-only]
 *
 * Load and measurement may be separate runs, so a 10 M load can run on a busy machine and be
 * measured later on an idle one: `--load-only` loads the facts (tenant `bench` and the peers)
 * and stops, keeping the database (PostgreSQL: its name is printed; embedded: `--data-dir`);
 * a later run with `--database` (or `--data-dir`) and `--loaded N` equal to `--facts` skips the
 * facts and builds the rest (aggregates, measures, artifacts, declarations; cleared first, so a
 * kept database can be measured again). `--keep` keeps the database after a measurement;
 * `--measure-only` then measures such a kept, already derived database again without
 * rebuilding anything (its "bulk-seeded in" reads 0 s).
 *
 * Facts are generated IN the database (INSERT … SELECT generate_series, 500 k per statement)
 * for tenant `bench` over 200 projects (half series, half commercials, all declared) across
 * 2025–2026, with an activity-measure row each and an artifact tree per project: a version per
 * 50 facts, a shot per 5 versions, a scene per 5 shots. Nine peer tenants with 20 declared
 * series each (10 facts per project) share benchmarks with `bench`.
 *
 * Bulk load: the per-statement trigger that keeps the read aggregates is switched off for the
 * loading transactions (session_replication_role = replica) and the aggregates are built after,
 * in one grouped INSERT each, with the same sums the trigger takes (and, on plain PostgreSQL,
 * the daily rollup EmissionStore keeps). `--verify N` loads N facts both ways into two fresh
 * databases and compares the aggregate tables row by row, then exits.
 */
const PROJECTS = 200;
const PEERS = 9;
const PEER_PROJECTS = 20;
const PEER_FACTS_PER_PROJECT = 10;
const CHUNK = 500_000;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/**
 * Facts $1…$2 of tenant $3 over $4 projects: fact i belongs to project i mod $4 and, as the
 * j = i div $4 -th fact of it, to version v(j div 50). 100 g and 1 kWh each.
 *
 * Time and kind follow j, so each project looks like a production: version v is worked on
 * over UTC days v mod 700 and the next (a 10 M load spreads a project's 1,000 versions over
 * all 700 days), at hour j mod 24, with the five activity kinds mixed within each version.
 * (Derived from i instead, every project fell on 7 days and one kind — i ≡ p mod 200 fixes
 * i mod 700 to 7 values and i mod 5 to one — which flattered the daily aggregates.)
 */
const SEED_FACTS = `
  insert into emission_facts (tenant_id, project_id, event_id, occurred_at, recorded_at, artifact_id,
    activity_kind, tier, scope, category, model_id, factor_ids, methodology_version,
    factor_set_version, projection_version, energy_it_kwh, energy_kwh, energy_low_kwh,
    energy_high_kwh, pue, intensity_g_per_kwh, market_intensity_g_per_kwh, operational_g,
    operational_market_g, embodied_g, training_g, co2e_g, co2e_market_g, co2e_low_g, co2e_high_g)
  select $3::text, 'p' || (i % $4::int), md5($3::text || i::text)::uuid,
         timestamptz '2025-01-01' + ((i / $4::int) / 50 % 700 + (i / $4::int) % 2) * interval '1 day'
           + ((i / $4::int) % 24) * interval '1 hour',
         now(), 'v' || ((i / $4::int) / 50),
         (array['render','ai.inference','storage','transfer','travel'])[1 + (i / $4::int) % 5],
         'measured', 2, 'scope2.purchased-electricity', 'bench', '{}', 'bench', 'bench', 1,
         1, 1, 0.9, 1.1, 1, 100, 40, 100, 40, 0, 0, 100, 40, 90, 110
    from generate_series($1::int, $2::int) as i`;

const SEED_MEASURES = `
  insert into activity_measures (tenant_id, project_id, event_id, occurred_at, activity_kind,
    artifact_id, duration_s, gpu_hours, storage_tb_months, transfer_tb)
  select tenant_id, project_id, event_id, occurred_at, activity_kind, artifact_id, 3600, 1, 0, 0
    from emission_facts where tenant_id = $1`;

/** Versions 0…$3 of each of the $2 projects of tenant $1, with their shots and scenes. */
const SEED_ARTIFACTS = `
  insert into artifacts (tenant_id, project_id, artifact_id, parent_id, kind, status, first_seen_at, updated_at)
  select $1::text, 'p' || p, x.artifact_id, x.parent_id, x.kind, x.status, now(), now()
    from generate_series(0, $2::int - 1) as p
    cross join lateral (
      select 'v' || m, 'sh' || (m / 5), 'version',
             (array['approved','rejected','draft'])[1 + (m * 7 + p) % 3]
        from generate_series(0, $3::int) as m
      union all
      select 'sh' || s, 'sc' || (s / 5), 'shot', null from generate_series(0, $3::int / 5) as s
      union all
      select 'sc' || c, null, 'scene', null from generate_series(0, $3::int / 25) as c
    ) as x(artifact_id, parent_id, kind, status)
  on conflict do nothing`;

const SEED_DECLARATIONS = `
  insert into project_declarations (tenant_id, project_id, name, production_type, finished_minutes,
    shoot_days, tags, declared_at, event_id)
  select $1::text, 'p' || i, 'Project ' || i,
         case when $3::boolean or i % 2 = 0 then 'series' else 'commercial' end,
         30 + i, 5 + i % 20, '{}', now(), md5($1::text || 'd' || i)::uuid
    from generate_series(0, $2::int - 1) as i`;

const SEED_SHARING = `
  insert into benchmark_sharing (tenant_id, opted_in, changed_at) values ($1, true, now())`;

/** The read aggregates as the insert trigger of migration 1767225600300 builds them. */
const SUMMED = [
  'energy_kwh',
  'co2e_g',
  'co2e_market_g',
  'operational_g',
  'embodied_g',
  'training_g',
  'co2e_low_g',
  'co2e_high_g',
];
const SUMS = SUMMED.map((c) => `greenops_clamp_float8(sum(f.${c}::numeric))`).join(', ');
const BULK_PROJECT_TOTALS = `
  insert into project_scope_totals (tenant_id, project_id, projection_version, scope, category,
    ${SUMMED.join(', ')}, activity_count)
  select tenant_id, project_id, projection_version, scope, category, ${SUMS}, count(*)
    from emission_facts f group by 1, 2, 3, 4, 5`;
const BULK_ARTIFACT_TOTALS = `
  insert into artifact_totals (tenant_id, project_id, projection_version, artifact_id,
    ${SUMMED.join(', ')}, activity_count)
  select tenant_id, project_id, projection_version, artifact_id, ${SUMS}, count(*)
    from emission_facts f where f.artifact_id is not null group by 1, 2, 3, 4`;
/** Plain PostgreSQL: the daily rollup as EmissionStore's insert statement builds it. */
const BULK_DAILY_ROLLUP = `
  insert into project_daily_emissions_rollup (tenant_id, project_id, projection_version, day,
    energy_kwh, co2e_g, co2e_market_g, activity_count)
  select tenant_id, project_id, projection_version,
         date_bin(interval '1 day', occurred_at, timestamptz '2000-01-01 00:00:00+00'),
         sum(energy_kwh), sum(co2e_g), sum(co2e_market_g), count(*)
    from emission_facts group by 1, 2, 3, 4`;

/** The KPI groups from the raw facts, with the discarded share (a window: constant SQL only). */
const RAW_KPI_GROUPS = (window: string) => `
  select f.activity_kind, f.scope, f.category, f.tier, sum(f.co2e_g), sum(f.co2e_market_g),
         sum(f.co2e_low_g), sum(f.co2e_high_g), sum(f.energy_kwh), count(*),
         coalesce(sum(f.co2e_g) filter (where a.status = any('{rejected,superseded,discarded,abandoned}')), 0)
    from emission_facts f
    left join artifacts a
      on a.tenant_id = 'bench' and a.project_id = 'p7' and a.artifact_id = f.artifact_id
   where f.tenant_id = 'bench' and f.project_id = 'p7' ${window}
   group by 1, 2, 3, 4`;

const RAW = {
  portfolio: `select project_id, sum(co2e_g) as g from emission_facts where tenant_id = 'bench'
                group by project_id order by g desc limit 20`,
  project: `select sum(co2e_g), sum(energy_kwh), count(*), min(occurred_at), max(occurred_at)
              from emission_facts where tenant_id = 'bench' and project_id = 'p7'`,
  // The KPI groups as Project.kpis read them before the daily aggregates (one statement of six).
  kpis: RAW_KPI_GROUPS(''),
  kpisWindow: RAW_KPI_GROUPS(
    `and f.occurred_at >= '2025-03-01T12:00:00Z' and f.occurred_at < '2026-03-01T06:00:00Z'`,
  ),
  series: `select date_trunc('week', occurred_at at time zone 'UTC'), activity_kind, sum(co2e_g)
             from emission_facts where tenant_id = 'bench' and project_id = 'p7'
              and occurred_at >= '2026-01-01' and occurred_at < '2026-12-31' group by 1, 2`,
  artifactPage: `
    with recursive roots as (
      select artifact_id from artifacts where tenant_id = 'bench' and project_id = 'p7'
       order by artifact_id limit 20),
    feeding(root_id, artifact_id) as (
      select artifact_id, artifact_id from roots
      union
      select f.root_id, a.artifact_id from feeding f join artifacts a
        on a.tenant_id = 'bench' and a.project_id = 'p7' and a.parent_id = f.artifact_id)
    select f.root_id, sum(e.co2e_g), count(*) from feeding f join emission_facts e
      on e.tenant_id = 'bench' and e.project_id = 'p7' and e.artifact_id = f.artifact_id
     group by f.root_id`,
  benchmark: `select f.project_id, sum(f.co2e_g) / max(d.finished_minutes)
                from emission_facts f join project_declarations d
                  on d.tenant_id = f.tenant_id and d.project_id = f.project_id
               where f.tenant_id = 'bench' and d.production_type = 'series' group by 1`,
  crossTenant: `select f.tenant_id, f.project_id, sum(f.co2e_g) / max(d.finished_minutes)
                  from emission_facts f
                  join project_declarations d
                    on d.tenant_id = f.tenant_id and d.project_id = f.project_id
                  join benchmark_sharing s on s.tenant_id = f.tenant_id and s.opted_in
                 where d.production_type = 'series' group by 1, 2`,
};

/** The secondary indexes of emission_facts (migration 1767225600000), for --defer-indexes. */
const FACT_INDEXES = {
  emission_facts_project_idx: `create index if not exists emission_facts_project_idx
    on emission_facts (tenant_id, project_id, occurred_at desc)`,
  emission_facts_artifact_idx: `create index if not exists emission_facts_artifact_idx
    on emission_facts (tenant_id, project_id, artifact_id) where artifact_id is not null`,
};

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Loads tenant `bench` and the peers: facts, measures, artifacts, declarations, sharing. */
async function seed(
  db: DatabaseHandle,
  facts: number,
  bulk: boolean,
  chunk = CHUNK,
  loaded = 0,
  loadOnly = false,
) {
  const started = performance.now();
  const step = (what: string) =>
    console.error(`[seed] ${what} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const q: Query = (sql, params = []) => db.dataSource.query(sql, params);
  // Bulk: the aggregates' insert trigger does not fire in these transactions (built below).
  const load = (sql: string, params: unknown[]) =>
    db.dataSource.transaction(async (tx) => {
      if (bulk) await tx.query('set local session_replication_role = replica');
      await tx.query(sql, params);
    });
  // --defer-indexes: the secondary fact indexes are dropped for the load and built once after
  // (as migration 1767225600000 defines them), instead of being updated row by row.
  const deferIndexes = bulk && loaded < facts && process.argv.includes('--defer-indexes');
  if (deferIndexes)
    for (const name of Object.keys(FACT_INDEXES)) await q(`drop index if exists ${name}`);
  for (let from = loaded + 1; from <= facts; from += chunk) {
    await load(SEED_FACTS, [from, Math.min(facts, from + chunk - 1), 'bench', PROJECTS]);
    step(`facts to ${Math.min(facts, from + chunk - 1)}`);
  }
  const peers = Array.from({ length: PEERS }, (_, i) => `peer-${i + 1}`);
  // A complete earlier load (--loaded = --facts) loaded the peers too.
  if (loaded < facts) {
    for (const peer of peers) {
      await load(SEED_FACTS, [1, PEER_PROJECTS * PEER_FACTS_PER_PROJECT, peer, PEER_PROJECTS]);
    }
    step('peers');
  }
  if (deferIndexes) {
    for (const ddl of Object.values(FACT_INDEXES)) await q(ddl);
    step('fact indexes');
  }
  if (loadOnly) return;
  // Whatever a previous measurement of a kept database derived is built again from the facts
  // (the aggregates only in bulk: through the triggers they were built with the facts).
  await q(`truncate ${DERIVED_DETAIL.join(', ')}`);
  if (bulk) {
    await q(`truncate ${BULK_AGGREGATES.join(', ')}`);
    if (!db.capabilities.timescale) await q('truncate project_daily_emissions_rollup');
  }
  if (bulk) {
    await q(BULK_PROJECT_TOTALS);
    await q(BULK_ARTIFACT_TOTALS);
    if (!db.capabilities.timescale) await q(BULK_DAILY_ROLLUP);
    step('aggregates');
  }
  await load(SEED_MEASURES, ['bench']);
  step('measures');
  if (bulk) {
    for (const sql of PROJECT_KPI_AGGREGATE_BUILD) await q(sql);
    for (const sql of ARTIFACT_KPI_DAILY_BUILD) await q(sql);
    step('KPI aggregates');
  }
  const lastVersion = Math.floor(Math.floor((facts - 1) / PROJECTS) / 50);
  await q(SEED_ARTIFACTS, ['bench', PROJECTS, lastVersion]);
  await q(SEED_DECLARATIONS, ['bench', PROJECTS, false]);
  await q(SEED_SHARING, ['bench']);
  for (const peer of peers) {
    await q(SEED_DECLARATIONS, [peer, PEER_PROJECTS, true]);
    await q(SEED_SHARING, [peer]);
  }
  step('artifacts, declarations');
  await q('analyze');
  step('analyze');
}

/** What the bench derives from the facts (cleared before a kept database is measured again). */
const DERIVED_DETAIL = [
  'activity_measures',
  'artifacts',
  'project_declarations',
  'benchmark_sharing',
];
const BULK_AGGREGATES = [
  'project_scope_totals',
  'artifact_totals',
  'project_kpi_daily',
  'project_measure_daily',
  'artifact_kpi_daily',
];

/** The aggregate tables, in key order, for comparing the two load paths. */
const AGGREGATE_TABLES = {
  project_scope_totals: 'tenant_id, project_id, projection_version, scope, category',
  artifact_totals: 'tenant_id, project_id, projection_version, artifact_id',
  project_kpi_daily:
    'tenant_id, project_id, projection_version, day, activity_kind, scope, category, tier',
  project_measure_daily: 'tenant_id, project_id, day',
  artifact_kpi_daily:
    'tenant_id, project_id, projection_version, artifact_id, day, activity_kind, scope, category, tier',
};

async function time(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

async function run(
  db: DatabaseHandle,
  backend: string,
  facts: number,
  runs: number,
  rawRuns: number,
  loaded: number,
): Promise<BackendResult> {
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const seeded = performance.now();
  // --measure-only: a kept database a measuring run of this code already derived (its
  // aggregates, measures, artifacts, declarations) is measured as it is, without the rebuild.
  if (!process.argv.includes('--measure-only')) await seed(db, facts, true, CHUNK, loaded);
  const seedS = (performance.now() - seeded) / 1000;
  const reads = insightsReads(db);
  const emissions = new EmissionQueries(db);
  const page = async () => {
    const artifacts = await emissions.listArtifacts('bench', 'p7', 20);
    const keys = artifacts.nodes.map((a) => ({ projectId: 'p7', artifactId: a.id }));
    return Promise.all([
      emissions.artifactTotalsMany('bench', keys),
      reads.artifacts.iterations('bench', keys),
    ]);
  };
  const crossTenant = async () => {
    const rows = await reads.sharing.contributions('bench', 'series');
    const byTenant = new Map<number, number[]>();
    for (const row of rows) {
      const value = benchmarkValue('G_PER_FINISHED_MINUTE', row);
      if (value !== null)
        byTenant.set(row.contributor, [...(byTenant.get(row.contributor) ?? []), value]);
    }
    return anonymisedDistribution([...byTenant.values()].map((v) => tenantContribution(v)!));
  };
  const api = {
    portfolio: () => reads.portfolio.listProjects('bench', { first: 20, orderBy: 'CO2E_DESC' }),
    project: () => reads.portfolio.project('bench', 'p7'),
    kpis: () => reads.kpis.kpiInputs('bench', 'p7'),
    // A window whose ends fall inside a day: whole days from the aggregate, edges from facts.
    kpisWindow: () =>
      reads.kpis.kpiInputs('bench', 'p7', '2025-03-01T12:00:00Z', '2026-03-01T06:00:00Z'),
    series: () =>
      reads.kpis.series(
        'bench',
        'p7',
        'WEEK',
        'KIND',
        '2026-01-01T00:00:00Z',
        '2026-12-31T00:00:00Z',
      ),
    artifactPage: page,
    benchmark: () => reads.benchmarks.cohort('bench', 'series'),
    crossTenant,
  };
  /** The artifact page as it was answered before: one recursive query per artifact and field. */
  const perArtifactPage = async () => {
    const artifacts = await emissions.listArtifacts('bench', 'p7', 20);
    return Promise.all(
      artifacts.nodes.flatMap((a) => [
        emissions.artifactTotals('bench', 'p7', a.id),
        reads.artifacts.iteration('bench', 'p7', a.id),
        reads.artifacts.iteration('bench', 'p7', a.id),
      ]),
    );
  };
  console.log(
    `\n## ${backend}: ${facts.toLocaleString('en')} facts (bulk-seeded in ${seedS.toFixed(1)} s), ${runs} runs (raw ${rawRuns})\n`,
  );
  console.log(
    '| query | API p50 ms | API p95 ms | raw SQL p50 ms | raw SQL p95 ms | raw p50 ÷ API p50 |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const rows: BackendResult['queries'] = [];
  const print = (name: string, a: Timing, r: Timing | null) => {
    rows.push({ name, api: a, raw: r });
    console.log(
      `| ${name} | ${a.p50.toFixed(1)} | ${a.p95.toFixed(1)} | ${r ? r.p50.toFixed(1) : '–'} | ${r ? r.p95.toFixed(1) : '–'} | ${r ? (r.p50 / a.p50).toFixed(1) : '–'} |`,
    );
  };
  for (const name of Object.keys(api) as Array<keyof typeof api>) {
    const a = await time(runs, api[name]);
    const r = await time(rawRuns, () => q(RAW[name]));
    print(name, a, r);
  }
  print('artifactPage, per artifact (before)', await time(runs, perArtifactPage), null);
  return { backend, facts, seedS, runs, rawRuns, queries: rows };
}

interface Timing {
  p50: number;
  p95: number;
}

interface BackendResult {
  backend: string;
  facts: number;
  seedS: number;
  runs: number;
  rawRuns: number;
  queries: Array<{ name: string; api: Timing; raw: Timing | null }>;
}

/** Loads `facts` through the triggers in one database and in bulk in another; compares. */
async function verify(
  open: () => Promise<{ db: DatabaseHandle; close(): Promise<void> }>,
  facts: number,
) {
  const viaTriggers = await open();
  const bulk = await open();
  try {
    // Several statements through the trigger (as a projector commits batches).
    await seed(viaTriggers.db, facts, false, Math.ceil(facts / 4));
    await seed(bulk.db, facts, true, Math.ceil(facts / 4));
    let worst = 0;
    for (const [table, key] of Object.entries(AGGREGATE_TABLES)) {
      const sql = `select * from ${table} order by ${key}`;
      const a = (await viaTriggers.db.dataSource.query(sql)) as Array<Record<string, unknown>>;
      const b = (await bulk.db.dataSource.query(sql)) as Array<Record<string, unknown>>;
      if (a.length !== b.length)
        throw new Error(`${table}: ${a.length} rows via triggers, ${b.length} in bulk`);
      a.forEach((row, i) => {
        for (const [column, value] of Object.entries(row)) {
          const other = b[i][column];
          if (typeof value === 'number' && typeof other === 'number') {
            const rel = Math.abs(value - other) / Math.max(1, Math.abs(value));
            worst = Math.max(worst, rel);
            if (rel > 1e-12) throw new Error(`${table} row ${i} ${column}: ${value} vs ${other}`);
          } else if (String(value) !== String(other)) {
            throw new Error(`${table} row ${i} ${column}: ${String(value)} vs ${String(other)}`);
          }
        }
      });
      console.log(`verify ${table}: ${a.length} rows equal (largest relative difference ${worst})`);
    }
  } finally {
    await viaTriggers.close();
    await bulk.close();
  }
}

async function main(): Promise<void> {
  const facts = Number(flag('--facts', '1000000'));
  const runs = Number(flag('--runs', '20'));
  const rawRuns = Number(flag('--raw-runs', String(runs)));
  const backend = flag('--backend', 'postgres');
  const verifyFacts = Number(flag('--verify', '0'));
  const json = flag('--json', '');
  const loadOnly = process.argv.includes('--load-only');
  const keep = loadOnly || process.argv.includes('--keep');
  const loaded = Number(flag('--loaded', '0'));
  const serverUrl =
    process.env.GREENOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const open = async (): Promise<{ db: DatabaseHandle; close(): Promise<void> }> => {
    if (backend === 'timescale') {
      // --data-dir: a data directory kept by an earlier run (or to keep), else a throwaway one.
      const kept = verifyFacts > 0 ? '' : flag('--data-dir', '');
      if (!kept && keep) throw new Error('--load-only and --keep need --data-dir on timescale');
      const dir = kept || mkdtempSync(join(tmpdir(), 'greenops-dashboard-bench-'));
      if (kept) mkdirSync(kept, { recursive: true });
      const db = await openEmbeddedTimescale({ dataDir: dir, owner: 'dashboard bench' });
      return {
        db,
        close: async () => {
          await db.close();
          if (!kept) rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    // --database: a bench database an interrupted run left with --loaded facts (resumed).
    const reused = verifyFacts > 0 ? '' : flag('--database', '');
    const database = reused
      ? BenchDatabase.existing(serverUrl, reused)
      : BenchDatabase.named(serverUrl);
    if (!reused) await database.create();
    console.error(`[bench] database ${database.name}${keep ? ' (kept)' : ''}`);
    const db = await openPostgres(database.url);
    return {
      db,
      close: async () => {
        await db.close();
        if (!keep) await database.drop();
      },
    };
  };
  if (verifyFacts > 0) {
    await verify(open, verifyFacts);
    return;
  }
  const opened = await open();
  try {
    if (loadOnly) {
      await seed(opened.db, facts, true, CHUNK, loaded, true);
      console.error(`[bench] loaded ${facts} facts; measure with --loaded ${facts}`);
      return;
    }
    const result = await run(
      opened.db,
      backend === 'timescale' ? 'embedded TimescaleDB (PGlite)' : 'PostgreSQL 15 (plain)',
      facts,
      runs,
      rawRuns,
      loaded,
    );
    if (json) writeFileSync(json, JSON.stringify(result, null, 2) + '\n');
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
