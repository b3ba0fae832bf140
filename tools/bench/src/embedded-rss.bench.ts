/**
 * Embedded mode (`npm start`: one process, PGlite + TimescaleDB in a worker thread) under
 * sustained OTLP load: end-to-end spans/s, CPU per span, and the process's resident memory
 * sampled at idle, during the load and after it. Not a test; writes
 * results/embedded-rss-<date>.md.
 *
 *   npm run build && node dist/tools/bench/src/embedded-rss.bench.js [--spans 50000] [--projects 12]
 *   … --duration-s 300 --rate 1000 [--after-s 30]   (a steady load: rate spans/s for duration)
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
import { buildRenderSpans } from './render-workload';
import { repoRoot } from './repo-root';
import { ServiceProcess } from './service-process';

const TICKS_PER_S = 100;
const SAMPLE_MS = 1000;
const IDLE_S = 10;
const BATCH = 500;
const IN_FLIGHT = 4;

/** VmRSS of a process in MiB, or NaN once it is gone. */
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

type Phase = 'idle' | 'load' | 'drain' | 'after';
interface Sample {
  s: number;
  rss: number;
  phase: Phase;
}

/** Samples RSS every SAMPLE_MS into `into`, tagged with the current phase, until stopped. */
function startSampler(pid: number, t0: number, into: Sample[], phase: () => Phase): () => void {
  const take = () => into.push({ s: (Date.now() - t0) / 1000, rss: rssMiB(pid), phase: phase() });
  take();
  const timer = setInterval(take, SAMPLE_MS);
  return () => {
    clearInterval(timer);
    take();
  };
}

/**
 * RSS over time as text: one column per time slice (the slice's maximum), one row per band
 * of MiB; the phase letter under each column (i idle, l load, d projecting the backlog,
 * a after).
 */
function textPlot(samples: Sample[], columns = 72, rows = 16): string[] {
  const ok = samples.filter((x) => Number.isFinite(x.rss));
  const span = ok[ok.length - 1].s - ok[0].s || 1;
  const cols: Array<{ rss: number; phase: Phase }> = [];
  for (let c = 0; c < columns; c++) {
    const from = ok[0].s + (span * c) / columns;
    const to = ok[0].s + (span * (c + 1)) / columns;
    const inSlice = ok.filter((x) => x.s >= from && (x.s < to || c === columns - 1));
    if (inSlice.length > 0)
      cols.push({ rss: Math.max(...inSlice.map((x) => x.rss)), phase: inSlice[0].phase });
    else cols.push(cols[cols.length - 1]);
  }
  const top = Math.ceil(Math.max(...cols.map((x) => x.rss)) / 50) * 50;
  const step = top / rows;
  const lines: string[] = [];
  for (let r = rows; r >= 1; r--) {
    const bar = cols.map((x) => (x.rss > (r - 1) * step + step / 2 ? '#' : ' ')).join('');
    lines.push(`${(r * step).toFixed(0).padStart(5)} |${bar}`);
  }
  lines.push(`${''.padStart(5)} +${'-'.repeat(columns)}`);
  lines.push(`${''.padStart(5)}  ${cols.map((x) => x.phase[0]).join('')}`);
  lines.push(
    `${''.padStart(5)}  0 s${''.padStart(columns - 8 - String(Math.round(span)).length)}${Math.round(span)} s`,
  );
  return lines;
}

/** Asks the platform for its memory report (SIGUSR2) and returns the line it logs. */
async function memoryLine(platform: ServiceProcess, pid: number): Promise<string> {
  const before = platform.log.length;
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 50; i++) {
    const m = /greenops: memory \(MiB\): (.*)/.exec(platform.log.slice(before));
    if (m) return m[1];
    await sleep(100);
  }
  return '(no answer)';
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

/**
 * Sends `total` spans in BATCH-span requests, IN_FLIGHT at a time; with `rate`, request k
 * leaves no earlier than k × BATCH / rate seconds after the start (a steady load), otherwise
 * as fast as the platform answers. Spans are built a request at a time, so a long run does
 * not hold them all. Returns Σ energy × PUE per project (what GraphQL must answer at the end).
 */
async function sendSpans(
  exporter: OTLPTraceExporter,
  total: number,
  projects: number,
  rate: number | undefined,
): Promise<Map<string, number>> {
  const expectedKwh = new Map<string, number>();
  const t0 = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const first = next;
      const count = Math.min(BATCH, total - first);
      next += count;
      if (rate !== undefined) {
        const due = t0 + (first / rate) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      const spans = await buildRenderSpans(count, projects, first);
      for (const s of spans) {
        const p = String(s.attributes['greenops.project.id']);
        const kwh =
          Number(s.attributes['greenops.energy.kwh']) * Number(s.attributes['greenops.pue']);
        expectedKwh.set(p, (expectedKwh.get(p) ?? 0) + kwh);
      }
      await exportConcurrently(exporter, [spans], 1);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return expectedKwh;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const projects = intArg(argv, '--projects', 12);
  // --duration-s D --rate R: a steady R spans/s for D seconds; otherwise --spans N at once.
  const durationS = argv.includes('--duration-s') ? intArg(argv, '--duration-s', 300) : undefined;
  const rate = durationS !== undefined ? intArg(argv, '--rate', 1000) : undefined;
  const spans = durationS !== undefined ? durationS * rate! : intArg(argv, '--spans', 50000);
  const afterS = intArg(argv, '--after-s', 30);
  const command = `node dist/tools/bench/src/embedded-rss.bench.js ${argv.join(' ')}`.trim();
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
    // e.g. "--liftoff-only" or "--heapsnapshot-signal=SIGUSR1" to look into the platform.
    ...(process.env.GREENOPS_BENCH_PLATFORM_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.GREENOPS_BENCH_PLATFORM_NODE_OPTIONS }
      : {}),
  });
  const graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
  try {
    progress(`embedded: starting the platform on ${dataDir}`);
    await platform.start(/GraphQL\s+http/, 180000);
    const pid = platform.pid!;
    const samples: Sample[] = [];
    let phase: Phase = 'idle';
    const stopSampling = startSampler(pid, Date.now(), samples, () => phase);
    progress(`embedded: idle for ${IDLE_S} s`);
    await sleep(IDLE_S * 1000);
    const memIdle = await memoryLine(platform, pid);

    const exporter = new OTLPTraceExporter({
      url: `http://127.0.0.1:${httpPort}/v1/traces`,
      headers: { authorization: `Bearer ${apiKey}` },
      timeoutMillis: 120_000,
    });
    progress(
      rate !== undefined
        ? `embedded: sending ${rate} spans/s for ${durationS} s (${spans} spans), ${BATCH} per request, ${IN_FLIGHT} in flight`
        : `embedded: sending ${spans} spans, ${BATCH} per request, ${IN_FLIGHT} in flight`,
    );
    phase = 'load';
    const cpu0 = cpuS(pid);
    const t0 = process.hrtime.bigint();
    const expectedKwh = await sendSpans(exporter, spans, projects, rate);
    const acceptedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const memLoad = await memoryLine(platform, pid);
    phase = 'drain';
    progress(
      `embedded: all accepted after ${(acceptedMs / 1000).toFixed(1)} s; waiting for projection`,
    );
    // Done when every project's energy equals Σ measured kWh × PUE of its spans (the facts'
    // energy_kwh): all N spans projected, none twice.
    const projectIds = [...expectedKwh.keys()];
    for (;;) {
      const got = await Promise.all(projectIds.map((p) => projectEnergyKwh(graphqlUrl, apiKey, p)));
      if (
        got.every((kwh, i) => Math.abs(kwh - expectedKwh.get(projectIds[i])!) < 1e-6 * kwh + 1e-9)
      )
        break;
      await sleep(500);
    }
    const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpuUsPerSpan = ((cpuS(pid) - cpu0) / spans) * 1e6;
    await exporter.shutdown();
    phase = 'after';
    progress(`embedded: projected after ${elapsedS.toFixed(1)} s; idle again for ${afterS} s`);
    await sleep(afterS * 1000);
    const memAfter = await memoryLine(platform, pid);
    stopSampling();

    const m = machineInfo(loadAtStart);
    const of = (p: Phase) => samples.filter((x) => x.phase === p).map((x) => x.rss);
    const [i, l, d, a] = [
      summary(of('idle')),
      summary(of('load')),
      summary(of('drain')),
      summary(of('after')),
    ];
    const f = (x: number) => x.toFixed(0);
    const text = [
      '# Embedded mode under sustained load: throughput and resident memory',
      '',
      `Run ${new Date().toISOString()}; \`${command}\`.`,
      'One `dist/apps/platform` process (ingest, projector, gateway; PGlite + TimescaleDB in a worker thread), fresh data folder.',
      `RSS = VmRSS of /proc/<pid>/status, sampled every ${SAMPLE_MS} ms.`,
      `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, load average (1 min) ${m.loadAverage1m.start} at the start → ${m.loadAverage1m.end} at the end.`,
      '',
      '| measurement | value |',
      '| --- | ---: |',
      rate !== undefined
        ? `| offered load | ${rate} spans/s for ${durationS} s (${spans} spans) |`
        : `| offered load | ${spans} spans, as fast as accepted |`,
      `| ingest (last request answered) | ${f(spans / (acceptedMs / 1000))} spans/s (${(acceptedMs / 1000).toFixed(1)} s) |`,
      `| end to end (OTLP/HTTP protobuf in → every project's energyKwh over GraphQL complete) | ${f(spans / elapsedS)} spans/s (${elapsedS.toFixed(1)} s) |`,
      `| CPU of the process per span (all threads) | ${f(cpuUsPerSpan)} µs |`,
      `| RSS idle after start (min / max over ${IDLE_S} s) | ${f(i.min)} / ${f(i.max)} MiB |`,
      `| RSS while sending (min / max; at the end) | ${f(l.min)} / ${f(l.max)} MiB; ${f(l.last)} MiB |`,
      d.max > 0
        ? `| RSS while projecting the backlog (max; at the end) | ${f(d.max)} MiB; ${f(d.last)} MiB |`
        : '| RSS while projecting the backlog | (none left) |',
      `| RSS idle after the load (min / max over ${afterS} s) | ${f(a.min)} / ${f(a.max)} MiB |`,
      '',
      "Where the memory is (the platform's SIGUSR2 report, MiB; wasmMemory is reserved size, resident only where touched):",
      '',
      `- idle after start: ${memIdle}`,
      `- when the last span was accepted: ${memLoad}`,
      `- after the load: ${memAfter}`,
      '',
      "RSS over time (MiB; column = the slice's maximum; i idle, l sending, d projecting the backlog, a after):",
      '',
      '```',
      ...textPlot(samples),
      '```',
      '',
      `Samples (MiB, every ${SAMPLE_MS} ms):`,
      '',
      '```',
      samples.map((x) => f(x.rss)).join(' '),
      '```',
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
