import {
  deterministicEventId,
  partitionKey,
  TENANT_SCOPE_PROJECT,
  type ProjectionRebuildFence,
} from '@greenops/domain';
import type { PublishRecord } from '@greenops/messaging';

/** One fence per partition, with deterministic ids (a re-written fence is the same fence). */
export function rebuildFenceRecords(
  topic: string,
  tenant: string,
  buildVersion: number,
  factorSetVersion: string,
  partitions: readonly number[],
  now: Date,
): PublishRecord[] {
  return partitions.map((partition) => {
    const fence: ProjectionRebuildFence = {
      id: deterministicEventId(
        'greenops.rebuild-fence',
        tenant,
        String(buildVersion),
        String(partition),
      ),
      type: 'ProjectionRebuildFence',
      version: 1,
      tenant,
      projectId: TENANT_SCOPE_PROJECT,
      occurredAt: now.toISOString(),
      recordedAt: now.toISOString(),
      payload: { buildVersion, factorSetVersion, partition },
    };
    return { topic, key: partitionKey(tenant, TENANT_SCOPE_PROJECT), partition, value: fence };
  });
}
