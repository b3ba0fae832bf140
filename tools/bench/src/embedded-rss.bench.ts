/**
 * Embedded mode (`npm start`: one process, PGlite + TimescaleDB in a worker thread) under
 * sustained OTLP load: end-to-end spans/s, CPU per span, and the process's resident memory
 * sampled at idle, during the load and after it. Not a test; writes
 * results/embedded-rss-<date>.md.
 *
 *   npm run build && node dist/tools/bench/src/embedded-rss.bench.js [--spans 50000] [--projects 12]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { freePort } from '@greenops/testing';
import { exportConcurrently } from './concurrent-export';
import { loadAverage1m, machineInfo } from './machine-info';
import { progress, sleep } from './progress';
import { buildRenderSpans, chunk } from './render-workload';
import { repoRoot } from './repo-root';
import { ServiceProcess } from './service-process';

const TICKS_PER_S = 100;
const SAMPLE_MS = 500;
const IDLE_S = 10;

/** Resident set of a process in MiB (VmRSS), or NaN once it is gone. */
function rssMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(line?.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

function cpuS(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
}

/** Samples RSS every SAMPLE_MS until `until` settles; returns the samples. */
async function sampleWhile(pid: number, until: Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    samples.push(rssMiB(pid));
    await sleep(SAMPLE_MS);
  }
  samples.push(rssMiB(pid));
  return samples;
}

/** A project's energy total as GraphQL serves it (kWh), 0 before its first fact. */
async function projectEnergyKwh(
  graphqlUrl: string,
  apiKey: string,
  project: string,
): Promise<number> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      query: 'query($id: ID!) { project(id: $id) { emissions { energyKwh } } }',
      variables: { id: project },
    }),
  });
  const body = (await response.json()) as {
    data?: { project: { emissions: { energyKwh: number } } | null };
  };
  return body.data?.project?.emissions.energyKwh ?? 0;
}

function intArg(argv: string[], flag: string, fallback: number): number {
  const i = argv.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > 5_000_000)
    throw new Error(`${flag}: integer 1..5000000`);
  return n;
}

const summary = (xs: number[]) => {
  const ok = xs.filter((x) => Number.isFinite(x));
  return {
    min: Math.min(...ok),
    max: Math.max(...ok),
    last: ok[ok.length - 1],
  };
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const spans = intArg(argv, '--spans', 50000);
  const projects = intArg(argv, '--projects', 12);
  const loadAtStart = loadAverage1m();
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-embedded-rss-'));
  const apiKey = `bench-${randomBytes(24).toString('hex')}`;
  const [httpPort, grpcPort, graphqlPort] = [await freePort(), await freePort(), await freePort()];
  const platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', {
    GREENOPS_DATA_DIR: dataDir,
    GREENOPS_API_KEY: apiKey,
    GREENOPS_OTLP_HTTP_PORT: String(httpPort),
    GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
    GREENOPS_GRAPHQL_PORT: String(graphqlPort),
  });
  const graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
  try {
    progress(`embedded: starting the platform on ${dataDir}`);
    await platform.start(/GraphQL\s+http/, 180000);
    const pid = platform.pid!;
    progress(`embedded: idle for ${IDLE_S} s`);
    const idle = await sampleWhile(pid, sleep(IDLE_S * 1000));

    const all = await buildRenderSpans(spans, projects);
    const projectIds = [...new Set(all.map((s) => String(s.attributes['greenops.project.id'])))];
    const exporter = new OTLPTraceExporter({
      url: `http://127.0.0.1:${httpPort}/v1/traces`,
      headers: { authorization: `Bearer ${apiKey}` },
      timeoutMillis: 120_000,
    });
    progress(`embedded: sending ${spans} spans, 500 per request, 4 in flight`);
    const cpu0 = cpuS(pid);
    const t0 = process.hrtime.bigint();
    let acceptedMs = 0;
    const sending = exportConcurrently(exporter, chunk(all, 500), 4).then(() => {
      acceptedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    });
    // Done when every project's energy equals Σ measured kWh × PUE of its spans (the facts'
    // energy_kwh): all N spans projected, none twice.
    const expectedKwh = new Map<string, number>();
    for (const s of all) {
      const p = String(s.attributes['greenops.project.id']);
      const kwh =
        Number(s.attributes['greenops.energy.kwh']) * Number(s.attributes['greenops.pue']);
      expectedKwh.set(p, (expectedKwh.get(p) ?? 0) + kwh);
    }
    const projected = (async () => {
      await sending;
      for (;;) {
        const got = await Promise.all(
          projectIds.map((p) => projectEnergyKwh(graphqlUrl, apiKey, p)),
        );
        if (
          got.every((kwh, i) => Math.abs(kwh - expectedKwh.get(projectIds[i])!) < 1e-6 * kwh + 1e-9)
        )
          return;
        await sleep(200);
      }
    })();
    const load = await sampleWhile(pid, projected);
    const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpuUsPerSpan = ((cpuS(pid) - cpu0) / spans) * 1e6;
    await exporter.shutdown();
    progress(`embedded: idle again for ${IDLE_S} s`);
    const after = await sampleWhile(pid, sleep(IDLE_S * 1000));

    const m = machineInfo(loadAtStart);
    const [i, l, a] = [summary(idle), summary(load), summary(after)];
    const f = (x: number) => x.toFixed(0);
    const text = [
      '# Embedded mode under sustained load: throughput and resident memory',
      '',
      `Run ${new Date().toISOString()}; \`node dist/tools/bench/src/embedded-rss.bench.js --spans ${spans} --projects ${projects}\`.`,
      'One `dist/apps/platform` process (ingest, projector, gateway; PGlite + TimescaleDB in a worker thread), fresh data folder.',
      `RSS = VmRSS of /proc/<pid>/status, sampled every ${SAMPLE_MS} ms.`,
      '',
      '| measurement | value |',
      '| --- | ---: |',
      `| end to end (OTLP/HTTP protobuf in → every project's energyKwh over GraphQL complete) | ${f(spans / elapsedS)} spans/s (${elapsedS.toFixed(1)} s) |`,
      `| ingest only (last request answered) | ${f(spans / (acceptedMs / 1000))} spans/s (${(acceptedMs / 1000).toFixed(1)} s) |`,
      `| CPU of the process per span | ${f(cpuUsPerSpan)} µs |`,
      `| RSS idle after start (min / max over ${IDLE_S} s) | ${f(i.min)} / ${f(i.max)} MiB |`,
      `| RSS under load (max over ${load.length} samples; at the end) | ${f(l.max)} MiB; ${f(l.last)} MiB |`,
      `| RSS idle after the load (min / max over ${IDLE_S} s) | ${f(a.min)} / ${f(a.max)} MiB |`,
      '',
      'RSS samples under load (MiB, every ' + SAMPLE_MS + ' ms):',
      '',
      '```',
      load.map(f).join(' '),
      '```',
      '',
      `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, load average ${m.loadAverage1m.start} → ${m.loadAverage1m.end}`,
      '',
    ].join('\n');
    const file = join(
      repoRoot(),
      'tools',
      'bench',
      'results',
      `embedded-rss-${new Date().toISOString().slice(0, 10)}.md`,
    );
    writeFileSync(file, text);
    console.log(`\n${text}`);
    progress(`written to ${file}`);
  } catch (error) {
    console.error(`---- platform log ----\n${platform.log}`);
    throw error;
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
    setTimeout(() => process.exit(), 5000).unref();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
