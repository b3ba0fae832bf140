import { createHash } from 'node:crypto';
import {
  deterministicEventId,
  partitionKey,
  TENANT_SCOPE_PROJECT,
  TOPICS,
  type FactorOverride,
  type FactorSetPublished,
} from '@greenops/domain';
import type { PublishRecord } from '@greenops/messaging';

/**
 * The FactorSetPublished event for a tenant's overrides. The version is content-addressed, so
 * publishing the same overrides twice is one factor set (and one rebuild), not two.
 */
export function factorSetPublishedRecord(
  tenant: string,
  baseVersion: string,
  name: string,
  factors: FactorOverride[],
  now: Date,
): PublishRecord & { value: FactorSetPublished } {
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
    id: deterministicEventId('greenops.factor-set', tenant, version),
    type: 'FactorSetPublished',
    version: 1,
    tenant,
    projectId: TENANT_SCOPE_PROJECT,
    occurredAt: now.toISOString(),
    recordedAt: now.toISOString(),
    payload: { version, baseVersion, name, factors },
  };
  return {
    topic: TOPICS.activities,
    key: partitionKey(tenant, TENANT_SCOPE_PROJECT),
    value: event,
  };
}
