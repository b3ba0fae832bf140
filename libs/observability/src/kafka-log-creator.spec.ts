import { logLevel } from 'kafkajs';
import { JsonLogger } from './json-logger';
import { kafkaLogCreator, relevel } from './kafka-log-creator';

describe('kafkajs log lines', () => {
  it.each([
    ['The group is rebalancing, re-joining', 'error', 'info'],
    ['[Connection] Response JoinGroup(key: 11, version: 5)', 'error', 'error'],
    ['Topic with this name already exists', 'error', 'debug'],
    ['This is not the correct coordinator for this group', 'error', 'info'],
    ['The coordinator is not available', 'warn', 'info'],
    ["The coordinator is loading and hence can't process requests", 'error', 'info'],
    ['Connection error: connect ECONNREFUSED 127.0.0.1:39092', 'error', 'warn'],
    ['Restarting the consumer in 300ms', 'error', 'warn'],
    ['Crash: KafkaJSNumberOfRetriesExceeded: …', 'error', 'error'],
    ['Crash: KafkaJSNoBrokerAvailableError: No broker available', 'error', 'warn'],
    ['Crash: KafkaJSNonRetriableError: Failed to find group coordinator', 'error', 'warn'],
    ['Crash: KafkaJSGroupCoordinatorNotFound: Failed to find group coordinator', 'error', 'warn'],
    ['Crash: KafkaJSNonRetriableError: Connection error: connect ECONNREFUSED', 'error', 'warn'],
    [
      'Failed to send messages: The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
      'error',
      'debug',
    ],
    ['Consumer has joined the group', 'info', 'info'],
    ['The coordinator is not aware of this member', 'error', 'info'],
  ] as const)('"%s" at %s is logged at %s', (message, from, to) => {
    expect(relevel(from, message)).toBe(to);
  });

  it('looks at the error field too, and never raises a level', () => {
    expect(
      relevel(
        'error',
        'Response ListOffsets(key: 2, version: 3)',
        'This server is not the leader for that topic-partition',
      ),
    ).toBe('warn');
    expect(relevel('error', 'Response Heartbeat(key: 12)', 'The group is rebalancing')).toBe(
      'info',
    );
    expect(relevel('info', 'Something ECONNREFUSED')).toBe('info');
  });

  it('writes kafkajs entries through the JSON logger with namespace and plain fields', () => {
    const lines: string[] = [];
    const logger = new JsonLogger({
      service: 'projector',
      level: 'info',
      write: (l) => lines.push(l),
    });
    const log = kafkaLogCreator(logger)(logLevel.INFO);
    log({
      namespace: 'ConsumerGroup',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: '2026-11-29T12:00:00.000Z',
        logger: 'kafkajs',
        message: 'The group is rebalancing, re-joining',
        groupId: 'g',
        retryCount: 0,
        stack: 'Error: at …',
        nested: { ignored: true },
      } as never,
    });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      service: 'projector',
      msg: 'The group is rebalancing, re-joining',
      component: 'kafkajs.ConsumerGroup',
      groupId: 'g',
      retryCount: 0,
    });
    expect(line).not.toHaveProperty('stack');
    expect(line).not.toHaveProperty('nested');
  });

  it('writes a repeated WARN line once per 10 s, then says how many it left out', () => {
    const lines: string[] = [];
    const logger = new JsonLogger({
      service: 'ingest',
      level: 'info',
      write: (l) => lines.push(l),
    });
    let t = 0;
    const log = kafkaLogCreator(logger, () => t)(logLevel.INFO);
    const refused = () =>
      log({
        namespace: 'Connection',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: {
          timestamp: '',
          logger: 'kafkajs',
          message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
        } as never,
      });
    refused(); // t = 0: written
    t = 300;
    refused(); // left out
    t = 9_999;
    refused(); // left out
    t = 10_000;
    refused(); // written, with 2 left out
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((l) => [l.level, l.suppressed])).toEqual([
      ['warn', undefined],
      ['warn', 2],
    ]);
  });
});
