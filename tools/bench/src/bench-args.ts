/** Command-line options of the throughput benchmark; every one has a default. */
export interface BenchArgs {
  /** Spans sent end to end, and messages/rows in each baseline. */
  spans: number;
  /** Spans per OTLP request, messages per produce, rows per insert. */
  batchSize: number;
  /** OTLP export requests in flight at once (a collector's sending queue consumers). */
  inFlight: number;
  /** Distinct greenops.project.id values: the partition key spreads them over partitions. */
  projects: number;
  /** Ingest instances and projector instances of the end-to-end run (scale-out when > 1). */
  instances: number;
  /** Port of the benchmark's own Kafka broker (the controller takes port + 1). */
  brokerPort: number;
  /** Maintenance database URL of the PostgreSQL server the benchmark creates its database on. */
  pgUrl: string;
}

const DEFAULT_ARGS: BenchArgs = {
  spans: 20000,
  batchSize: 500,
  inFlight: 4,
  projects: 12,
  instances: 1,
  brokerPort: 19192,
  pgUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
};

const INTEGER_FLAGS: Record<
  string,
  { key: Exclude<keyof BenchArgs, 'pgUrl'>; min: number; max: number }
> = {
  '--spans': { key: 'spans', min: 1, max: 10_000_000 },
  '--batch': { key: 'batchSize', min: 1, max: 10_000 },
  '--in-flight': { key: 'inFlight', min: 1, max: 64 },
  '--projects': { key: 'projects', min: 1, max: 10_000 },
  '--instances': { key: 'instances', min: 1, max: 6 },
  '--broker-port': { key: 'brokerPort', min: 1024, max: 65534 },
};

export class BenchArgsError extends Error {}

/** Parses `--flag value` and `--flag=value`; an unknown flag or a bad value names itself. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { ...DEFAULT_ARGS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new BenchArgsError(`${flag}: needs a value`);
    if (flag === '--pg-url') {
      args.pgUrl = value;
      continue;
    }
    const spec = INTEGER_FLAGS[flag];
    if (!spec) {
      throw new BenchArgsError(
        `${flag}: unknown flag (known: ${[...Object.keys(INTEGER_FLAGS), '--pg-url'].join(', ')})`,
      );
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
      throw new BenchArgsError(
        `${flag}: must be an integer in ${spec.min}..${spec.max}, got ${JSON.stringify(value)}`,
      );
    }
    args[spec.key] = n;
  }
  return args;
}
