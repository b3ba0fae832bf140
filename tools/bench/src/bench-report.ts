import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchArgs } from './bench-args';
import type { EndToEndResult } from './end-to-end.bench-stage';
import type { KafkaBaselineResult } from './kafka-baseline.bench-stage';
import type { MachineInfo } from './machine-info';
import type { PgBaselineResult } from './pg-baseline.bench-stage';

export interface BenchReport {
  benchmark: 'e2e-throughput';
  startedAt: string;
  args: Omit<BenchArgs, 'pgUrl'>;
  machine: MachineInfo;
  database: { server: string; timescale: boolean };
  endToEnd: EndToEndResult;
  kafka: KafkaBaselineResult;
  /** Ingest's publish pattern: one transaction per batch, ingest's retry backoff. */
  kafkaTransactional: KafkaBaselineResult;
  /** The same with a 10 ms retry backoff: ingest's producer setting. */
  kafkaTransactionalFastRetry: KafkaBaselineResult;
  pg: PgBaselineResult;
  /** Raw COPY FROM STDIN of the same fact rows: the fastest way into PostgreSQL. */
  pgCopy: PgBaselineResult;
  store: PgBaselineResult;
  ratios: {
    /** End-to-end spans/s ÷ raw kafkajs produce+consume msgs/s. */
    e2eOverKafka: number;
    /** End-to-end spans/s ÷ raw pg bulk-insert rows/s. */
    e2eOverPg: number;
    /** End-to-end spans/s ÷ raw COPY rows/s (target ≥ 0.3). */
    e2eOverCopy: number;
    e2eOverKafkaTransactional: number;
    e2eOverStore: number;
  };
}

export function ratiosOf(
  r: Pick<BenchReport, 'endToEnd' | 'kafka' | 'kafkaTransactional' | 'pg' | 'pgCopy' | 'store'>,
): BenchReport['ratios'] {
  const e2e = r.endToEnd.spansPerS;
  return {
    e2eOverKafka: e2e / r.kafka.msgsPerS,
    e2eOverPg: e2e / r.pg.rowsPerS,
    e2eOverCopy: e2e / r.pgCopy.rowsPerS,
    e2eOverKafkaTransactional: e2e / r.kafkaTransactional.msgsPerS,
    e2eOverStore: e2e / r.store.rowsPerS,
  };
}

const rate = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
const usPerSpan = (cpuS: number, spans: number) =>
  spans > 0 ? ((cpuS / spans) * 1e6).toFixed(0) : 'n/a';
/** CPU of everything on the pipeline: the processes measured except the benchmark's own. */
const serviceCpuS = (r: BenchReport) =>
  r.endToEnd.cpu.processes
    .filter((p) => !p.name.startsWith('benchmark client'))
    .reduce((sum, p) => sum + p.cpuS, 0);
const ratio = (n: number) => `${n.toFixed(3)} (${(n * 100).toFixed(1)} %)`;

function rows(r: BenchReport): Array<[string, string, string]> {
  const e = r.endToEnd;
  return [
    [
      'end to end, distributed (OTLP/HTTP protobuf in → facts committed)',
      `${rate(e.spansPerS)} spans/s`,
      ms(e.elapsedMs),
    ],
    [
      '  ingest only (until the last OTLP request was answered)',
      `${rate(e.ingestSpansPerS)} spans/s`,
      ms(e.acceptedMs),
    ],
    [
      '  projector after ingest finished',
      e.projectorTailFactsPerS === null ? 'n/a' : `${rate(e.projectorTailFactsPerS)} facts/s`,
      `${e.factsWhenAccepted} facts at that point`,
    ],
    [
      '  projector transactions (mean facts each)',
      `${e.projectorBatches}`,
      `${e.meanFactsPerProjectorBatch.toFixed(1)} facts/tx`,
    ],
    ...e.cpu.processes.map((p): [string, string, string] => [
      `  CPU during e2e: ${p.name}`,
      `${p.cores.toFixed(2)} cores`,
      `${p.cpuS.toFixed(1)} CPU s, ${usPerSpan(p.cpuS, e.spans)} µs/span`,
    ]),
    [
      '  CPU during e2e: services + broker + database, per span',
      `${usPerSpan(serviceCpuS(r), e.spans)} µs/span`,
      'sum of the rows above but the benchmark client',
    ],
    ...(e.instances ?? []).map((i): [string, string, string] => [
      `  instance ${i.name}${i.partitions.length > 0 ? ` (partitions ${i.partitions.join(',')})` : ''}`,
      // A projector's share is its partitions' offset advance: records plus Kafka's transaction markers.
      `${rate(i.items)} ${i.partitions.length > 0 || i.name.startsWith('projector') ? 'offsets' : 'spans'}`,
      `${((i.items / e.spans) * 100).toFixed(1)} % of N, ${i.cpuS.toFixed(1)} CPU s, ${usPerSpan(i.cpuS, i.items)} µs/item`,
    ]),
    [
      '  CPU during e2e: whole machine busy (any process)',
      e.cpu.machineBusy === null ? 'n/a' : `${(e.cpu.machineBusy * 100).toFixed(0)} %`,
      `of ${r.machine.cpus} CPUs`,
    ],
    [
      'raw kafkajs produce+consume, acks=-1 (baseline A)',
      `${rate(r.kafka.msgsPerS)} msgs/s`,
      ms(r.kafka.elapsedMs),
    ],
    [
      'raw pg bulk insert, unnest (baseline B)',
      `${rate(r.pg.rowsPerS)} rows/s`,
      ms(r.pg.elapsedMs),
    ],
    [
      'raw pg COPY FROM STDIN, csv (baseline C)',
      `${rate(r.pgCopy.rowsPerS)} rows/s`,
      ms(r.pgCopy.elapsedMs),
    ],
    [
      `  kafkajs, one transaction per batch, ${r.kafkaTransactional.initialRetryTimeMs} ms retry backoff`,
      `${rate(r.kafkaTransactional.msgsPerS)} msgs/s`,
      ms(r.kafkaTransactional.elapsedMs),
    ],
    [
      `  kafkajs, one transaction per batch, ${r.kafkaTransactionalFastRetry.initialRetryTimeMs} ms retry backoff (as ingest's producer)`,
      `${rate(r.kafkaTransactionalFastRetry.msgsPerS)} msgs/s`,
      ms(r.kafkaTransactionalFastRetry.elapsedMs),
    ],
    [
      '  EmissionStore.commitBatch (projector write, no Kafka)',
      `${rate(r.store.rowsPerS)} rows/s`,
      ms(r.store.elapsedMs),
    ],
  ];
}

function ratioRows(r: BenchReport): Array<[string, string]> {
  return [
    ['e2e ÷ kafka', ratio(r.ratios.e2eOverKafka)],
    ['e2e ÷ pg', ratio(r.ratios.e2eOverPg)],
    ['e2e ÷ pg COPY', ratio(r.ratios.e2eOverCopy)],
    ['e2e ÷ kafka transactional', ratio(r.ratios.e2eOverKafkaTransactional)],
    ['e2e ÷ EmissionStore', ratio(r.ratios.e2eOverStore)],
  ];
}

function machineLine(r: BenchReport): string {
  const m = r.machine;
  return (
    `N = ${r.args.spans}, batch ${r.args.batchSize}, ${r.args.instances ?? 1} ingest + ${r.args.instances ?? 1} projector instance(s), ${r.args.inFlight} OTLP requests in flight, ${r.args.projects} projects, ` +
    `${r.kafka.partitions} partitions, ${r.kafka.meanValueBytes.toFixed(0)} B mean envelope; ` +
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ` +
    `load average ${m.loadAverage1m.start} → ${m.loadAverage1m.end}; ${r.database.server}` +
    `${r.database.timescale ? ' + TimescaleDB' : ' (plain PostgreSQL, no TimescaleDB)'}`
  );
}

/** The console table. */
export function formatTable(r: BenchReport): string {
  const all = rows(r);
  const w0 = Math.max(...all.map((x) => x[0].length), ...ratioRows(r).map((x) => x[0].length));
  const w1 = Math.max(...all.map((x) => x[1].length));
  const line = '─'.repeat(w0 + w1 + 30);
  return [
    line,
    ...all.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`),
    line,
    ...ratioRows(r).map(([a, b]) => `${a.padEnd(w0)}  ${b}`),
    line,
    machineLine(r),
  ].join('\n');
}

/** latest.md: the same figures as a Markdown table. */
function formatMarkdown(r: BenchReport, jsonFile: string): string {
  return [
    '# Latest end-to-end throughput benchmark',
    '',
    `Run ${r.startedAt} (\`${jsonFile}\`). Produced by \`npm run bench -- --spans ${r.args.spans}${(r.args.instances ?? 1) > 1 ? ` --instances ${r.args.instances}` : ''}\`; see ../README.md for how to read it.`,
    '',
    '| measurement | throughput | time / detail |',
    '| --- | ---: | --- |',
    ...rows(r).map(([a, b, c]) => `| ${a.trim()} | ${b} | ${c} |`),
    '',
    '| ratio | value |',
    '| --- | ---: |',
    ...ratioRows(r).map(([a, b]) => `| ${a} | ${b} |`),
    '',
    machineLine(r),
    '',
  ].join('\n');
}

/** Writes results/e2e-throughput-<YYYY-MM-DD>.json and results/latest.md; returns the JSON path. */
export function writeResults(r: BenchReport, resultsDir: string): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = `e2e-throughput-${r.startedAt.slice(0, 10)}.json`;
  writeFileSync(join(resultsDir, file), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.md'), formatMarkdown(r, file));
  return join(resultsDir, file);
}
