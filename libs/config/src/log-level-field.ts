import { z } from 'zod';

/** GREENOPS_LOG_LEVEL: error, warn, info (default) or debug. */
export const logLevelField = z
  .enum(['error', 'warn', 'info', 'debug'], {
    errorMap: () => ({ message: 'must be one of error, warn, info, debug' }),
  })
  .default('info');
