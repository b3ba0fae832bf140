import { z } from 'zod';
import { byteSizeField, parseEnv, portField } from '@greenops/config';
import { DEFAULT_EMBEDDED_ENGINE, EMBEDDED_ENGINES } from '@greenops/persistence';

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
    .min(16, 'must be at least 16 characters (or leave unset to have one generated)')
    .regex(/^[A-Za-z0-9._~+/=-]+$/, 'may only contain token characters (letters, digits, ._~+/=-)')
    .optional(),
  GREENOPS_TENANT: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lowercase slug')
    .default('default'),
  GREENOPS_HOST: z.string().default('127.0.0.1'),
  GREENOPS_OTLP_HTTP_PORT: portField(4318),
  GREENOPS_OTLP_GRPC_PORT: portField(4317),
  GREENOPS_GRAPHQL_PORT: portField(4000),
  GREENOPS_MAX_REQUEST_BYTES: byteSizeField(4 * 1024 * 1024),
});

export type EmbeddedConfig = z.infer<typeof embeddedEnvSchema>;

export function loadEmbeddedConfig(env: NodeJS.ProcessEnv = process.env): EmbeddedConfig {
  return parseEnv(embeddedEnvSchema, env);
}
