import { randomUUID } from 'node:crypto';
import type { EmissionResult } from '@greenops/domain';
import {
  EmissionStore,
  openEmbeddedTimescale,
  openPostgres,
  type DatabaseHandle,
  type EmissionFactInput,
} from '@greenops/persistence';
import { createTestDatabase } from '@greenops/testing';

/**
 * The projector's write path: EmissionStore.commitBatch in batches of 500 (facts only, one
 * offset per batch). A benchmark, not a test (it asserts nothing).
 *
 *   npm run build && node dist/tools/bench/src/store-write.bench.js [--facts 20000] [--embedded]
 *     [--artifacts 0]
 *
 * `--artifacts N` puts the facts on N artifacts (round robin), so the per-artifact totals have
 * rows to upsert too; 0 (the default) writes facts without an artifact.
 * Three passes over the same spans: new facts; the same versions again (a replay: redelivery or
 * rebuild); every span corrected (received later, moved one day). Prints facts/s per pass.
 */
const BATCH = 500;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function result(energyKwh: number): EmissionResult {
  const r = (n: number) => ({ low: n * 0.9, nominal: n, high: n * 1.1 });
  return {
    energyItKwh: r(energyKwh),
    energyKwh: r(energyKwh),
    pue: 1,
    intensityGPerKwh: 100,
    marketIntensityGPerKwh: 50,
    operationalG: r(100 * energyKwh),
    operationalMarketG: r(50 * energyKwh),
    embodiedG: r(0),
    softwareG: r(0),
    trainingG: r(0),
    co2eG: r(100 * energyKwh),
    co2eMarketG: r(50 * energyKwh),
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
}

async function pass(
  store: EmissionStore,
  facts: EmissionFactInput[],
  group: string,
): Promise<{ factsPerS: number; inserted: number }> {
  const started = process.hrtime.bigint();
  let inserted = 0;
  for (let i = 0; i < facts.length; i += BATCH) {
    const r = await store.commitBatch({
      facts: facts.slice(i, i + BATCH),
      artifacts: [],
      offsets: [{ group, topic: 'bench', partition: 0, nextOffset: String(i + BATCH) }],
    });
    inserted += r.insertedFacts;
  }
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  return { factsPerS: facts.length / s, inserted };
}

async function run(name: string, db: DatabaseHandle, n: number, artifacts: number): Promise<void> {
  const store = new EmissionStore(db);
  const base = Date.UTC(2026, 2, 1);
  const original = Array.from({ length: n }, (_, i): EmissionFactInput => {
    const at = new Date(base + (i % 30) * 86_400_000 + i * 1000).toISOString();
    return {
      tenant: 'bench',
      projectId: `p${i % 12}`,
      eventId: randomUUID(),
      occurredAt: at,
      recordedAt: at,
      activityKind: 'render',
      ...(artifacts > 0 ? { artifactId: `a${i % artifacts}` } : {}),
      result: result(1),
    };
  });
  const corrected = original.map((f) => ({
    ...f,
    occurredAt: new Date(Date.parse(f.occurredAt) + 86_400_000).toISOString(),
    recordedAt: new Date(Date.parse(f.recordedAt) + 3_600_000).toISOString(),
    result: result(2),
  }));
  // Warm-up on another tenant: connections and statement plans.
  await pass(
    store,
    original.slice(0, BATCH).map((f) => ({ ...f, tenant: 'warm-up' })),
    'warm-up',
  );
  const fresh = await pass(store, original, 'g1');
  const replay = await pass(store, original, 'g2');
  const correction = await pass(store, corrected, 'g3');
  const line = (label: string, r: { factsPerS: number; inserted: number }) =>
    `  ${label.padEnd(12)} ${r.factsPerS.toFixed(0).padStart(7)} facts/s (${r.inserted} inserted)`;
  console.log(`${name}, ${n} facts on ${artifacts} artifacts, batches of ${BATCH}`);
  console.log(line('new', fresh));
  console.log(line('replay', replay));
  console.log(line('corrections', correction));
}

async function main(): Promise<void> {
  const n = arg('facts', 20000);
  const artifacts = arg('artifacts', 0);
  if (process.argv.includes('--embedded')) {
    const db = await openEmbeddedTimescale({ engine: 'timescale' });
    try {
      await run('embedded TimescaleDB (in-memory)', db, n, artifacts);
    } finally {
      await db.close();
    }
  }
  const database = await createTestDatabase('projector_bench');
  try {
    const db = await openPostgres(database.url, { poolSize: 2 });
    try {
      await run('PostgreSQL (plain)', db, n, artifacts);
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
