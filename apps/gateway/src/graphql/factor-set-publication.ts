import { createHash } from 'node:crypto';
import {
  encodeLogRecord,
  factorSetEventId,
  TENANT_SCOPE_PROJECT,
  type FactorSetPublished,
  type LogRecord,
} from '@greenops/contracts';
import type { FactorOverride } from '@greenops/domain';
import { GatewayError } from '../errors/gateway-error';

/**
 * The FactorSetPublished event for a tenant's overrides, checked against its contract
 * (libs/contracts) and ready for the log. The version is content-addressed, so publishing the
 * same overrides twice is one factor set (and one rebuild), not two.
 */
export function factorSetPublication(
  tenant: string,
  baseVersion: string,
  name: string,
  factors: FactorOverride[],
  now: Date,
):
  | { ok: true; event: FactorSetPublished; record: LogRecord }
  | { ok: false; field: string; reason: string } {
  const canonical = JSON.stringify({
    baseVersion,
    name,
    factors: [...factors]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((f) => [
        f.id,
        f.value,
        f.unit,
        f.source,
        f.year,
        f.low ?? null,
        f.high ?? null,
        f.note ?? null,
      ]),
  });
  const version = `${baseVersion}+${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
  const event: FactorSetPublished = {
    id: factorSetEventId(tenant, version),
    type: 'FactorSetPublished',
    version: 1,
    tenant,
    projectId: TENANT_SCOPE_PROJECT,
    occurredAt: now.toISOString(),
    recordedAt: now.toISOString(),
    payload: { version, baseVersion, name, factors },
  };
  const encoded = encodeLogRecord(event);
  return encoded.ok ? { ok: true, event, record: encoded.record } : encoded;
}

/**
 * A publication that fails its contract: the caller's input when the field came from it
 * (`input.factors[i].…`, `input.name`), else a fault of ours, reported without internals.
 */
export function publicationError(failure: { field: string; reason: string }): Error {
  const input = /^payload\.(factors)\.(\d+)(\..+)?$|^payload\.(name|factors)$/.exec(failure.field);
  if (!input) {
    return new Error(`FactorSetPublished.${failure.field} breaks its contract: ${failure.reason}`);
  }
  const field = input[1] ? `factors[${input[2]}]${input[3] ?? ''}` : input[4];
  return GatewayError.invalidArgument(`input.${field}`, failure.reason);
}
