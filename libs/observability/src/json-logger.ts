import type { LoggerService } from '@nestjs/common';
import { levelEnabled, type LogLevelName } from './log-level';

/** Optional fields of one line: request and trace ids, and anything else that helps. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface JsonLoggerOptions {
  /** Written as `service` on every line: ingest, projector, gateway, platform. */
  service: string;
  level: LogLevelName;
  /** Where a finished line goes (default: stdout). Tests collect lines here. */
  write?: (line: string) => void;
  /** Clock, for tests (default Date.now). */
  now?: () => number;
}

/**
 * Structured logs: one JSON object per line with `time` (ISO 8601), `level`, `service`, `msg`,
 * then `requestId` / `traceId` and other fields when there are some. It is also Nest's logger
 * (LoggerService): Nest's `context` becomes the `context` field, its `verbose` is `debug` and
 * its `fatal` is `error`.
 */
export class JsonLogger implements LoggerService {
  private readonly write: (line: string) => void;
  private readonly now: () => number;

  constructor(private readonly options: JsonLoggerOptions) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.now = options.now ?? Date.now;
  }

  get level(): LogLevelName {
    return this.options.level;
  }

  isEnabled(level: LogLevelName): boolean {
    return levelEnabled(level, this.options.level);
  }

  /** One line at `level`; nothing when the level is below the logger's threshold. */
  emit(level: LogLevelName, msg: string, fields: LogFields = {}): void {
    if (!this.isEnabled(level)) return;
    const line: Record<string, unknown> = {
      time: new Date(this.now()).toISOString(),
      level,
      service: this.options.service,
      msg,
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined && !(key in line)) line[key] = value;
    }
    this.write(JSON.stringify(line));
  }

  error(message: unknown, ...params: unknown[]): void {
    const { context, stack } = nestParams(params, true);
    this.emit('error', text(message), { ...fieldsOf(params), context, stack });
  }

  /** Nest's `warn(message, fields?, context?)`: a plain object gives fields (requestId, traceId…). */
  warn(message: unknown, ...params: unknown[]): void {
    this.emit('warn', text(message), { ...fieldsOf(params), context: nestParams(params).context });
  }

  info(message: string, fields?: LogFields): void {
    this.emit('info', message, fields);
  }

  /** Nest's `log` is INFO, except its start-up chatter (modules loaded, routes mapped): DEBUG. */
  log(message: unknown, ...params: unknown[]): void {
    const { context } = nestParams(params);
    const level = context && NEST_START_UP_CONTEXTS.has(context) ? 'debug' : 'info';
    this.emit(level, text(message), { context });
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.emit('debug', text(message), { context: nestParams(params).context });
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.debug(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.error(message, ...params);
  }
}

/** Nest's contexts that log one line per module and route at every start. */
const NEST_START_UP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'GraphQLModule',
]);

function text(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  try {
    return JSON.stringify(message);
  } catch {
    return String(message);
  }
}

/** Fields given as the first plain-object parameter (only strings, numbers and booleans). */
function fieldsOf(params: unknown[]): LogFields {
  const given = params.find(
    (p): p is Record<string, unknown> =>
      typeof p === 'object' && p !== null && !Array.isArray(p) && !(p instanceof Error),
  );
  const fields: LogFields = {};
  for (const [key, value] of Object.entries(given ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      fields[key] = value;
    }
  }
  return fields;
}

/**
 * Nest passes `(message, context)` or, for errors, `(message, stack, context)`.
 */
function nestParams(params: unknown[], withStack = false): { context?: string; stack?: string } {
  const strings = params.filter((p): p is string => typeof p === 'string');
  if (strings.length === 0) return {};
  if (withStack && strings.length >= 2) {
    return { stack: strings[0], context: strings[strings.length - 1] };
  }
  if (withStack && strings.length === 1 && strings[0].includes('\n')) {
    return { stack: strings[0] };
  }
  return { context: strings[strings.length - 1] };
}
