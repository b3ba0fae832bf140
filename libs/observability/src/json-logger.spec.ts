import { JsonLogger } from './json-logger';

function collecting(level: 'error' | 'warn' | 'info' | 'debug') {
  const lines: string[] = [];
  const logger = new JsonLogger({
    service: 'ingest',
    level,
    write: (line) => lines.push(line),
    now: () => Date.parse('2026-11-29T12:00:00.000Z'),
  });
  return {
    logger,
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with time, level, service, msg and the ids given', () => {
    const { logger, lines, parsed } = collecting('info');
    logger.info('accepted 3 spans', { requestId: 'r-1', traceId: 'abc', nothing: undefined });
    expect(lines).toHaveLength(1);
    expect(parsed()[0]).toEqual({
      time: '2026-11-29T12:00:00.000Z',
      level: 'info',
      service: 'ingest',
      msg: 'accepted 3 spans',
      requestId: 'r-1',
      traceId: 'abc',
    });
  });

  it('drops lines below its level', () => {
    const { logger, parsed } = collecting('warn');
    logger.debug('d');
    logger.log('i');
    logger.warn('w');
    logger.error('e');
    expect(parsed().map((l) => l.level)).toEqual(['warn', 'error']);
  });

  it("takes Nest's (message, stack, context) and keeps a stack on the same line", () => {
    const { logger, lines, parsed } = collecting('debug');
    logger.error('boom', 'Error: boom\n    at x (y.ts:1:1)', 'OtlpHttp');
    logger.log('mapped', 'Ingest');
    logger.log('Mapped {/livez, GET} route', 'RouterExplorer');
    logger.verbose('v');
    logger.fatal('f');
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(parsed()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'boom',
        context: 'OtlpHttp',
        stack: 'Error: boom\n    at x (y.ts:1:1)',
      }),
      expect.objectContaining({ level: 'info', msg: 'mapped', context: 'Ingest' }),
      // Nest's start-up chatter is DEBUG.
      expect.objectContaining({ level: 'debug', context: 'RouterExplorer' }),
      expect.objectContaining({ level: 'debug', msg: 'v' }),
      expect.objectContaining({ level: 'error', msg: 'f' }),
    ]);
  });

  it("takes fields from Nest's warn(message, fields, context)", () => {
    const { logger, parsed } = collecting('info');
    logger.warn('refused', { requestId: 'r-9', traceId: 'abc', nested: { no: 1 } }, 'OtlpHttp');
    expect(parsed()[0]).toEqual({
      time: '2026-11-29T12:00:00.000Z',
      level: 'warn',
      service: 'ingest',
      msg: 'refused',
      requestId: 'r-9',
      traceId: 'abc',
      context: 'OtlpHttp',
    });
  });

  it('never lets a field overwrite time, level, service or msg', () => {
    const { logger, parsed } = collecting('info');
    logger.info('real', { level: 'error', msg: 'fake', service: 'x' });
    expect(parsed()[0]).toMatchObject({ level: 'info', msg: 'real', service: 'ingest' });
  });
});
