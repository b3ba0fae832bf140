/** Levels of GREENOPS_LOG_LEVEL, most severe first: a logger at `info` writes error, warn and info. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Whether a line of `level` is written by a logger set to `threshold`. */
export function levelEnabled(level: LogLevelName, threshold: LogLevelName): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}
