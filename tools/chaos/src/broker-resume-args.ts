export interface BrokerResumeArgs {
  /** Outages in a row. */
  runs: number;
  /** How long the broker stays away each time. */
  downMs: number;
  /** Members of the consumer group (projector instances). */
  members: number;
  /** The private broker's port (its controller takes the next one). */
  kafkaPort: number;
  /** kafkajs' own log lines of each run, for diagnosis. */
  verbose: boolean;
  /** Where the run's output is written as well; `''`: nowhere. */
  outFile: string;
}

const USAGE =
  'usage: npm run chaos:resume -- [--runs K (default 5, at most 50)] [--down-ms MS (default 5000)] ' +
  '[--members N (default 2, at most 4)] [--kafka-port P (default 19457; P and P+1)] [--verbose] ' +
  '[--out FILE | --no-out]';

/** Parses the command line; throws with the usage on anything it does not know. */
export function parseBrokerResumeArgs(
  argv: readonly string[],
  defaultOut: string,
): BrokerResumeArgs {
  const args: BrokerResumeArgs = {
    runs: 5,
    downMs: 5000,
    members: 2,
    kafkaPort: 19457,
    verbose: false,
    outFile: defaultOut,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const integer = (name: string, min: number, max: number): number => {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
        throw new Error(
          `${name} must be an integer within ${min}..${max}, got '${value}'\n${USAGE}`,
        );
      }
      i += 1;
      return n;
    };
    if (flag === '--runs') args.runs = integer('--runs', 1, 50);
    else if (flag === '--down-ms') args.downMs = integer('--down-ms', 0, 600_000);
    else if (flag === '--members') args.members = integer('--members', 1, 4);
    else if (flag === '--kafka-port') args.kafkaPort = integer('--kafka-port', 1024, 65533);
    else if (flag === '--verbose') args.verbose = true;
    else if (flag === '--out') {
      if (!value) throw new Error(`--out needs a file\n${USAGE}`);
      args.outFile = value;
      i += 1;
    } else if (flag === '--no-out') args.outFile = '';
    else throw new Error(`unknown argument '${flag}'\n${USAGE}`);
  }
  return args;
}
