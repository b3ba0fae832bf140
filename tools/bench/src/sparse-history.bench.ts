import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EmissionResult } from '@greenops/domain';
import {
  EmissionQueries,
  EmissionStore,
  openEmbeddedTimescale,
  openPostgres,
  type DatabaseHandle,
  type EmissionFactInput,
} from '@greenops/persistence';
import { createTestDatabase } from '@greenops/testing';

/**
 * Sparse history: what one tenant's spans spread over many weeks cost another tenant's reads.
 * A benchmark, not a test (it asserts nothing): it prints timings and sizes for the record.
 *
 *   npm run build && node dist/tools/bench/src/sparse-history.bench.js [--weeks 1000] [--runs 30]
 *
 * Per backend (embedded TimescaleDB on a fresh data folder; plain PostgreSQL 15 in a scratch
 * database): tenant B has 20 facts in one project (one artifact with 5 of them); B's project
 * totals, totals by scope, 31-day daily series and artifact roll-up are timed (median of
 * `runs` calls after 3 warm-up calls); then tenant A adds one fact in each of `weeks` different
 * weeks (batches of 100, as the projector commits), and the same reads are timed again. It also
 * prints the hypertable chunk count and, embedded, the data folder's size after closing.
 */
const WEEK_MS = 7 * 86_400_000;
const LATEST_MS = Date.UTC(2026, 10, 2, 9, 0, 0);

interface Figures {
  projectTotalsMs: number;
  byScopeMs: number;
  dailyMs: number;
  artifactTotalsMs: number;
  chunks: number | null;
}

function fact(tenant: string, projectId: string, occurredMs: number, artifactId?: string) {
  const r = (n: number) => ({ low: n * 0.9, nominal: n, high: n * 1.1 });
  const result: EmissionResult = {
    energyItKwh: r(1),
    energyKwh: r(1),
    pue: 1,
    intensityGPerKwh: 100,
    marketIntensityGPerKwh: 50,
    operationalG: r(100),
    operationalMarketG: r(50),
    embodiedG: r(0),
    softwareG: r(0),
    trainingG: r(0),
    co2eG: r(100),
    co2eMarketG: r(50),
    tier: 'measured',
    scope: 2,
    category: 'scope2.purchased-electricity',
    modelId: 'render.measured',
    factorIds: [],
    methodologyVersion: 'bench',
    factorSetVersion: 'bench',
    trainingAllocation: '1a',
    notes: [],
  };
  const occurredAt = new Date(occurredMs).toISOString();
  const input: EmissionFactInput = {
    tenant,
    projectId,
    eventId: randomUUID(),
    occurredAt,
    recordedAt: occurredAt,
    artifactId,
    activityKind: 'render',
    result,
  };
  return input;
}

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function measure(db: DatabaseHandle, runs: number): Promise<Figures> {
  const queries = new EmissionQueries(db);
  const chunks: Array<{ n: number }> = db.capabilities.timescale
    ? await db.dataSource.query(
        `select count(*)::int as n from timescaledb_information.chunks where hypertable_name = $1`,
        ['emission_facts'],
      )
    : [];
  return {
    projectTotalsMs: await medianMs(runs, () => queries.projectTotals('b', 'b-project')),
    byScopeMs: await medianMs(runs, () => queries.projectTotalsByScope('b', 'b-project')),
    dailyMs: await medianMs(runs, () =>
      queries.dailyProjectTotals('b', 'b-project', '2026-10-15T00:00:00Z', '2026-11-15T00:00:00Z'),
    ),
    artifactTotalsMs: await medianMs(runs, () =>
      queries.artifactTotals('b', 'b-project', 'b-clip'),
    ),
    chunks: chunks[0]?.n ?? null,
  };
}

async function scenario(db: DatabaseHandle, weeks: number, runs: number) {
  const store = new EmissionStore(db);
  await store.commitBatch({
    facts: Array.from({ length: 20 }, (_, i) =>
      fact('b', 'b-project', LATEST_MS - i * 3_600_000, i < 5 ? 'b-clip' : undefined),
    ),
    artifacts: [],
    offsets: [],
  });
  const before = await measure(db, runs);
  const sparse = Array.from({ length: weeks }, (_, i) =>
    fact('a', 'a-sparse', LATEST_MS - (i + 1) * WEEK_MS),
  );
  const started = Date.now();
  for (let i = 0; i < sparse.length; i += 100) {
    await store.commitBatch({ facts: sparse.slice(i, i + 100), artifacts: [], offsets: [] });
  }
  const writeMs = Date.now() - started;
  const after = await measure(db, runs);
  return { before, after, writeMs };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

function print(name: string, result: Awaited<ReturnType<typeof scenario>>, extra = ''): void {
  const row = (label: string, f: Figures) =>
    `  ${label.padEnd(22)} totals ${f.projectTotalsMs.toFixed(1).padStart(7)} ms | byScope ${f.byScopeMs
      .toFixed(1)
      .padStart(
        7,
      )} ms | daily ${f.dailyMs.toFixed(1).padStart(7)} ms | artifact ${f.artifactTotalsMs
      .toFixed(1)
      .padStart(7)} ms | chunks ${f.chunks ?? '-'}`;
  console.log(`${name}${extra}`);
  console.log(row('before sparse tenant', result.before));
  console.log(row('after sparse tenant', result.after));
  console.log(`  sparse facts written in ${result.writeMs} ms`);
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const weeks = flag('--weeks', 1000);
  const runs = flag('--runs', 30);
  console.log(`sparse history: ${weeks} facts of tenant A in ${weeks} different weeks`);

  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-sparse-'));
  try {
    const db = await openEmbeddedTimescale({ dataDir });
    let result;
    try {
      result = await scenario(db, weeks, runs);
    } finally {
      await db.close();
    }
    const mib = (directoryBytes(dataDir) / 1024 / 1024).toFixed(1);
    print('embedded TimescaleDB (PGlite)', result, `, data folder ${mib} MiB after closing`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const database = await createTestDatabase('bench_sparse');
  try {
    const db = await openPostgres(database.url, { poolSize: 1 });
    try {
      print('PostgreSQL 15 (plain)', await scenario(db, weeks, runs));
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
