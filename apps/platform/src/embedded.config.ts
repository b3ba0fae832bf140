import { z } from 'zod';
import {
  byteSizeField,
  parseEnv,
  portField,
  spanTimeLimitsEnv,
  tenantIdField,
  retentionAnswerWindowField,
  retentionResendIntervalField,
  retentionSweepIntervalField,
} from '@greenops/config';
import { DEFAULT_MAX_RESPONSE_BYTES } from '@greenops/gateway';
import {
  API_KEY_PATTERN,
  DEFAULT_EMBEDDED_ENGINE,
  EMBEDDED_ENGINES,
  MAX_API_KEY_LENGTH,
  MIN_API_KEY_LENGTH,
} from '@greenops/persistence';

const embeddedEnvSchema = z.object({
  GREENOPS_DATA_DIR: z.string().min(1, 'must not be empty').default('.greenops-data'),
  // Which PGlite build hosts the embedded database (docs/supply-chain.md).
  GREENOPS_EMBEDDED_ENGINE: z
    .enum(EMBEDDED_ENGINES, {
      errorMap: () => ({
        message: `must be one of ${EMBEDDED_ENGINES.map((e) => `"${e}"`).join(', ')}`,
      }),
    })
    .default(DEFAULT_EMBEDDED_ENGINE),
  GREENOPS_API_KEY: z
    .string()
    .min(
      MIN_API_KEY_LENGTH,
      `must be at least ${MIN_API_KEY_LENGTH} characters (or leave unset to have one generated)`,
    )
    .max(MAX_API_KEY_LENGTH, `must be at most ${MAX_API_KEY_LENGTH} characters`)
    .regex(API_KEY_PATTERN, 'may only contain token characters (letters, digits, ._~+/=-)')
    .optional(),
  GREENOPS_TENANT: tenantIdField('default'),
  GREENOPS_HOST: z.string().default('127.0.0.1'),
  GREENOPS_OTLP_HTTP_PORT: portField(4318),
  GREENOPS_OTLP_GRPC_PORT: portField(4317),
  GREENOPS_GRAPHQL_PORT: portField(4000),
  GREENOPS_RETENTION_ANSWER_WINDOW: retentionAnswerWindowField,
  GREENOPS_RETENTION_SWEEP_INTERVAL: retentionSweepIntervalField,
  GREENOPS_RETENTION_RESEND_INTERVAL: retentionResendIntervalField,
  GREENOPS_MAX_REQUEST_BYTES: byteSizeField(4 * 1024 * 1024),
  ...spanTimeLimitsEnv,
  GREENOPS_GRAPHQL_MAX_RESPONSE_BYTES: byteSizeField(DEFAULT_MAX_RESPONSE_BYTES),
});

export type EmbeddedConfig = z.infer<typeof embeddedEnvSchema>;

export function loadEmbeddedConfig(env: NodeJS.ProcessEnv = process.env): EmbeddedConfig {
  return parseEnv(embeddedEnvSchema, env);
}
