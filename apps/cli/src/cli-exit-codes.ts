/** Exit statuses of `greenops` (sysexits.h numbers for usage and configuration errors). */
export const EXIT_CODES = {
  ok: 0,
  /** The command could not be carried out: database unreachable, data dir in use, unknown key id. */
  failure: 1,
  /** EX_USAGE: the command line is wrong. */
  usage: 64,
  /** EX_CONFIG: the environment is wrong (GREENOPS_DATABASE_URL, GREENOPS_DATA_DIR, --key-env). */
  config: 78,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
