import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  insightsReads,
  openEmbeddedTimescale,
  openPostgres,
  type DatabaseHandle,
} from '@greenops/persistence';
import { BenchDatabase } from './bench-database';

/**
 * Dashboard queries over synthetic facts: the portfolio list, a project's KPIs and weekly
 * series, and a production-type benchmark, each next to the raw SQL of the same aggregate, in
 * the same run. A benchmark, not a test (it asserts nothing).
 *
 *   npm run build && node dist/tools/bench/src/dashboard-queries.bench.js \
 *     [--facts 1000000] [--runs 20] [--backend postgres|timescale]
 *
 * Facts are generated in the database (one INSERT … SELECT generate_series), for one tenant
 * over 200 projects (half series, half commercials, all declared) across 2025–2026, with
 * activity measures for each and one artifact per 50 facts.
 */
const PROJECTS = 200;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const SEED_FACTS = `
  insert into emission_facts (tenant_id, project_id, event_id, occurred_at, recorded_at, artifact_id,
    activity_kind, tier, scope, category, model_id, factor_ids, methodology_version,
    factor_set_version, projection_version, energy_it_kwh, energy_kwh, energy_low_kwh,
    energy_high_kwh, pue, intensity_g_per_kwh, market_intensity_g_per_kwh, operational_g,
    operational_market_g, embodied_g, training_g, co2e_g, co2e_market_g, co2e_low_g, co2e_high_g)
  select 'bench', 'p' || (i % ${PROJECTS}), md5(i::text)::uuid,
         timestamptz '2025-01-01' + (i % 700) * interval '1 day' + (i % 24) * interval '1 hour',
         now(), 'a' || (i / 50), (array['render','ai.inference','storage','transfer','travel'])[1 + i % 5],
         'measured', 2, 'scope2.purchased-electricity', 'bench', '{}', 'bench', 'bench', 1,
         1, 1, 0.9, 1.1, 1, 100, 40, 100, 40, 0, 0, 100, 40, 90, 110
    from generate_series($1::int, $2::int) as i`;

const SEED_MEASURES = `
  insert into activity_measures (tenant_id, project_id, event_id, occurred_at, activity_kind,
    artifact_id, duration_s, gpu_hours, storage_tb_months, transfer_tb)
  select tenant_id, project_id, event_id, occurred_at, activity_kind, artifact_id, 3600, 1, 0, 0
    from emission_facts where tenant_id = 'bench'`;

const SEED_ARTIFACTS = `
  insert into artifacts (tenant_id, project_id, artifact_id, parent_id, kind, status, first_seen_at, updated_at)
  select distinct on (artifact_id) tenant_id, project_id, artifact_id, null, 'shot',
         (array['approved','rejected','draft'])[1 + abs(hashtext(artifact_id)) % 3], now(), now()
    from emission_facts where tenant_id = 'bench'
  on conflict do nothing`;

const SEED_DECLARATIONS = `
  insert into project_declarations (tenant_id, project_id, name, production_type, finished_minutes,
    shoot_days, tags, declared_at, event_id)
  select 'bench', 'p' || i, 'Project ' || i, case when i % 2 = 0 then 'series' else 'commercial' end,
         30 + i, 5 + i % 20, '{}', now(), md5('d' || i)::uuid
    from generate_series(0, ${PROJECTS - 1}) as i`;

const RAW = {
  portfolio: `select project_id, sum(co2e_g) as g from emission_facts where tenant_id = 'bench'
                group by project_id order by g desc limit 20`,
  kpis: `select activity_kind, scope, category, tier, sum(co2e_g), sum(energy_kwh), count(*)
           from emission_facts where tenant_id = 'bench' and project_id = 'p7' group by 1, 2, 3, 4`,
  series: `select date_trunc('week', occurred_at at time zone 'UTC'), activity_kind, sum(co2e_g)
             from emission_facts where tenant_id = 'bench' and project_id = 'p7'
              and occurred_at >= '2026-01-01' and occurred_at < '2026-12-31' group by 1, 2`,
  benchmark: `select f.project_id, sum(f.co2e_g) / max(d.finished_minutes)
                from emission_facts f join project_declarations d
                  on d.tenant_id = f.tenant_id and d.project_id = f.project_id
               where f.tenant_id = 'bench' and d.production_type = 'series' group by 1`,
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

async function run(db: DatabaseHandle, backend: string, facts: number, runs: number) {
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const seeded = performance.now();
  for (let from = 1; from <= facts; from += 500_000) {
    await q(SEED_FACTS, [from, Math.min(facts, from + 499_999)]);
  }
  await q(SEED_MEASURES);
  await q(SEED_ARTIFACTS);
  await q(SEED_DECLARATIONS);
  await q('analyze');
  const seedS = (performance.now() - seeded) / 1000;
  const reads = insightsReads(db);
  const api = {
    portfolio: () => reads.portfolio.listProjects('bench', { first: 20, orderBy: 'CO2E_DESC' }),
    kpis: () => reads.kpis.kpiInputs('bench', 'p7'),
    series: () =>
      reads.kpis.series(
        'bench',
        'p7',
        'WEEK',
        'KIND',
        '2026-01-01T00:00:00Z',
        '2026-12-31T00:00:00Z',
      ),
    benchmark: () => reads.benchmarks.cohort('bench', 'series'),
  };
  console.log(
    `\n## ${backend}: ${facts.toLocaleString('en')} facts (seeded in ${seedS.toFixed(1)} s), ${runs} runs\n`,
  );
  console.log('| query | API p50 ms | API p95 ms | raw SQL p50 ms | raw SQL p95 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const name of Object.keys(api) as Array<keyof typeof api>) {
    const a = await time(runs, api[name]);
    const r = await time(runs, () => q(RAW[name]));
    console.log(
      `| ${name} | ${a.p50.toFixed(1)} | ${a.p95.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`,
    );
  }
}

async function main(): Promise<void> {
  const facts = Number(flag('--facts', '1000000'));
  const runs = Number(flag('--runs', '20'));
  const backend = flag('--backend', 'postgres');
  if (backend === 'timescale') {
    const dir = mkdtempSync(join(tmpdir(), 'greenops-dashboard-bench-'));
    const db = await openEmbeddedTimescale({ dataDir: dir, owner: 'dashboard bench' });
    try {
      await run(db, 'embedded TimescaleDB', facts, runs);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const database = BenchDatabase.named(
    process.env.GREENOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  await database.create();
  try {
    const db = await openPostgres(database.url);
    try {
      await run(db, 'PostgreSQL 15 (plain)', facts, runs);
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
