import { parseBrokerResumeArgs } from './broker-resume-args';

describe('broker-resume command line', () => {
  it('has defaults and reads every option', () => {
    expect(parseBrokerResumeArgs([], 'out.txt')).toEqual({
      runs: 5,
      downMs: 5000,
      members: 2,
      kafkaPort: 19457,
      verbose: false,
      outFile: 'out.txt',
    });
    expect(
      parseBrokerResumeArgs(
        [
          '--runs',
          '7',
          '--down-ms',
          '0',
          '--members',
          '1',
          '--kafka-port',
          '19510',
          '--verbose',
          '--no-out',
        ],
        'out.txt',
      ),
    ).toEqual({ runs: 7, downMs: 0, members: 1, kafkaPort: 19510, verbose: true, outFile: '' });
  });

  it('names the option and the reason on bad input', () => {
    expect(() => parseBrokerResumeArgs(['--runs', '0'], '')).toThrow(
      "--runs must be an integer within 1..50, got '0'",
    );
    expect(() => parseBrokerResumeArgs(['--members', '2.5'], '')).toThrow(
      "--members must be an integer within 1..4, got '2.5'",
    );
    expect(() => parseBrokerResumeArgs(['--kafka-port'], '')).toThrow(
      "--kafka-port must be an integer within 1024..65533, got 'undefined'",
    );
    expect(() => parseBrokerResumeArgs(['--fast'], '')).toThrow("unknown argument '--fast'");
  });
});
