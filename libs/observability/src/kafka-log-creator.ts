import { logLevel as KafkaLogLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { JsonLogger, LogFields } from './json-logger';
import type { LogLevelName } from './log-level';

/**
 * Events of a healthy cluster that kafkajs reports as ERROR or WARN. Each is a normal part of
 * group membership or of several clients creating one topic; they are logged at the level given.
 */
const RELEVELED: ReadonlyArray<{ pattern: RegExp; level: LogLevelName }> = [
  // A member joins or leaves: every member re-joins ("The group is rebalancing, re-joining").
  { pattern: /group is rebalancing|REBALANCE_IN_PROGRESS/i, level: 'info' },
  // Two clients created the same topic at once: the loser is told it exists.
  { pattern: /already exists|TOPIC_ALREADY_EXISTS/i, level: 'debug' },
  // The group or transaction coordinator moved to another broker, or is loading its state.
  {
    pattern:
      /coordinator is (loading|not available)|not (the correct )?coordinator|NOT_COORDINATOR|COORDINATOR_NOT_AVAILABLE|COORDINATOR_LOAD_IN_PROGRESS|coordinator.*(moved|changed)/i,
    level: 'info',
  },
  // A transaction begun right after a commit, while the coordinator finishes it: retried at once.
  {
    pattern: /CONCURRENT_TRANSACTIONS|another concurrent operation on the same transaction/i,
    level: 'debug',
  },
  // A stale member id after a session ended: the member simply joins again.
  // Also the answer to removing a crashed consumer's member id the coordinator already dropped.
  {
    pattern: /UNKNOWN_MEMBER_ID|member id.*(unknown|not valid)|not aware of this member/i,
    level: 'info',
  },
  // The broker is away: kafkajs retries; readiness reports it, no stack trace needed.
  {
    pattern:
      /ECONNREFUSED|ECONNRESET|Connection (error|timeout)|Closed connection|KafkaJSConnection|broker.*not connected|There is no leader|not the leader|LEADER_NOT_AVAILABLE|NOT_LEADER/i,
    level: 'warn',
  },
  // A consumer crash stays ERROR, except those kafkajs 2.2 bails with while the broker is away:
  // it dropped the broker from its pool and found none left, or found no group coordinator. The
  // event-log adapter restarts the consumer once the broker answers (docs/operations.md, "Riding out a broker outage").
  {
    pattern:
      /^Restarting the consumer|^Crash: KafkaJSNoBrokerAvailableError|^Crash: \w+: Failed to find group coordinator/i,
    level: 'warn',
  },
];

const FROM_KAFKA: Record<number, LogLevelName> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** kafkajs' own threshold for a GREENOPS_LOG_LEVEL (re-levelling only ever lowers a level). */
export function kafkaLogLevel(level: LogLevelName): KafkaLogLevel {
  return {
    error: KafkaLogLevel.ERROR,
    warn: KafkaLogLevel.WARN,
    info: KafkaLogLevel.INFO,
    debug: KafkaLogLevel.DEBUG,
  }[level];
}

/** The level a kafkajs entry is logged at: its own, or a lower one for the normal events above. */
export function relevel(level: LogLevelName, message: string, error?: string): LogLevelName {
  if (level !== 'error' && level !== 'warn') return level;
  const text = error ? `${message} ${error}` : message;
  const rule = RELEVELED.find((r) => r.pattern.test(text));
  if (!rule) return level;
  // Never raise: a WARN stays WARN when the rule says WARN, and becomes INFO/DEBUG otherwise.
  return rule.level === 'warn' && level === 'warn' ? 'warn' : rule.level;
}

/**
 * A broker outage makes every client retry every few hundred milliseconds, each attempt one
 * WARN line. The same WARN line (component and message) is written at most once per window; the
 * next one written says how many were left out (`suppressed`).
 */
export const REPEATED_WARN_WINDOW_MS = 10_000;

/** kafkajs `logCreator` writing through the service's JSON logger, re-levelled (see RELEVELED). */
export function kafkaLogCreator(logger: JsonLogger, now: () => number = Date.now): logCreator {
  const recentWarns = new Map<string, { at: number; suppressed: number }>();
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const {
        message,
        timestamp: _t,
        logger: _l,
        stack: _s,
        ...extra
      } = log as LogEntry['log'] & {
        stack?: unknown;
      };
      const original = FROM_KAFKA[level] ?? 'info';
      const error = typeof extra.error === 'string' ? extra.error : undefined;
      const target = relevel(original, message, error);
      if (!logger.isEnabled(target)) return;
      const fields: LogFields = { component: `kafkajs.${namespace}` };
      for (const [key, value] of Object.entries(extra)) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          fields[key] = value;
        }
      }
      if (target === 'warn') {
        const key = `${namespace}\u0000${message}`;
        const seen = recentWarns.get(key);
        const t = now();
        if (seen && t - seen.at < REPEATED_WARN_WINDOW_MS) {
          seen.suppressed += 1;
          return;
        }
        if (seen?.suppressed) fields.suppressed = seen.suppressed;
        recentWarns.set(key, { at: t, suppressed: 0 });
        if (recentWarns.size > 1000) recentWarns.clear();
      }
      logger.emit(target, message, fields);
    };
}
