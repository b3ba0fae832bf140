import { parseChaosArgs } from './chaos-args';

describe('parseChaosArgs', () => {
  it('defaults to 3 minutes, port 39455 and the dated results file', () => {
    const args = parseChaosArgs([], '/r/chaos.txt');
    expect(args).toMatchObject({ minutes: 3, kafkaPort: 39455, outFile: '/r/chaos.txt' });
    expect(Number.isInteger(args.seed)).toBe(true);
  });

  it('reads every option', () => {
    expect(
      parseChaosArgs(
        ['--minutes', '1.5', '--seed', '42', '--kafka-port', '40000', '--no-out'],
        'x',
      ),
    ).toEqual({ minutes: 1.5, seed: 42, kafkaPort: 40000, outFile: '' });
    expect(parseChaosArgs(['--out', '/tmp/run.txt'], 'x').outFile).toBe('/tmp/run.txt');
  });

  it('refuses what it does not know, naming the option', () => {
    expect(() => parseChaosArgs(['--minutes', '0'], 'x')).toThrow(
      "--minutes must be a number within 0.1..60, got '0'",
    );
    expect(() => parseChaosArgs(['--kafka-port'], 'x')).toThrow('--kafka-port must be a number');
    expect(() => parseChaosArgs(['--fast'], 'x')).toThrow("unknown argument '--fast'");
  });
});
