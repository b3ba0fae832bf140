export interface ChaosArgs {
  minutes: number;
  seed: number;
  /** The private broker's port (its controller takes the next one). */
  kafkaPort: number;
  /** Where the run's output is written as well; `''`: nowhere. */
  outFile: string;
}

const USAGE =
  'usage: npm run chaos -- [--minutes N (default 3, at most 60)] [--seed S] ' +
  '[--kafka-port P (default 39455; P and P+1)] [--out FILE | --no-out]';

/** Parses the command line; throws with the usage on anything it does not know. */
export function parseChaosArgs(argv: readonly string[], defaultOut: string): ChaosArgs {
  const args: ChaosArgs = {
    minutes: 3,
    seed: Math.floor(Math.random() * 2 ** 31),
    kafkaPort: 39455,
    outFile: defaultOut,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const number = (name: string, min: number, max: number): number => {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n < min || n > max) {
        throw new Error(`${name} must be a number within ${min}..${max}, got '${value}'\n${USAGE}`);
      }
      i += 1;
      return n;
    };
    if (flag === '--minutes') args.minutes = number('--minutes', 0.1, 60);
    else if (flag === '--seed') args.seed = Math.trunc(number('--seed', 0, 2 ** 32 - 1));
    else if (flag === '--kafka-port')
      args.kafkaPort = Math.trunc(number('--kafka-port', 1024, 65533));
    else if (flag === '--out') {
      if (!value) throw new Error(`--out needs a file\n${USAGE}`);
      args.outFile = value;
      i += 1;
    } else if (flag === '--no-out') args.outFile = '';
    else throw new Error(`unknown argument '${flag}'\n${USAGE}`);
  }
  return args;
}
