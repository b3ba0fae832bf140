import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PROTO_SUBDIR = join('apps', 'ingest', 'proto');
const MARKER = join('opentelemetry', 'proto', 'collector', 'trace', 'v1', 'trace_service.proto');

/**
 * Directory holding the shipped .proto files. The same code runs from `apps/ingest/src`
 * (jest) and from `dist/apps/ingest/src` (built), so walk up until `apps/ingest/proto` shows up.
 */
export function otlpProtoRoot(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, PROTO_SUBDIR);
    if (existsSync(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`OTLP .proto files not found above ${startDir} (looked for ${PROTO_SUBDIR})`);
    dir = parent;
  }
}

export const TRACE_SERVICE_PROTO = 'opentelemetry/proto/collector/trace/v1/trace_service.proto';
export const RPC_STATUS_PROTO = 'google/rpc/status.proto';
