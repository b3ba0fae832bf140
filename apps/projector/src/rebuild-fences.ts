import {
  encodeLogRecord,
  rebuildFenceEventId,
  TENANT_SCOPE_PROJECT,
  type LogRecord,
} from '@greenops/contracts';

/** One fence per partition, with deterministic ids (a re-written fence is the same fence). */
export function rebuildFenceRecords(
  topic: string,
  tenant: string,
  buildVersion: number,
  factorSetVersion: string,
  partitions: readonly number[],
  now: Date,
): LogRecord[] {
  return partitions.map((partition) => {
    const encoded = encodeLogRecord(
      {
        id: rebuildFenceEventId(tenant, buildVersion, partition),
        type: 'ProjectionRebuildFence',
        version: 1,
        tenant,
        projectId: TENANT_SCOPE_PROJECT,
        occurredAt: now.toISOString(),
        recordedAt: now.toISOString(),
        payload: { buildVersion, factorSetVersion, partition },
      },
      { topic, partition },
    );
    // Every value of a fence is the projector's own: one that breaks its contract is a bug, and
    // no rebuild may start on it.
    if (!encoded.ok) {
      throw new Error(
        `ProjectionRebuildFence.${encoded.field} breaks its contract: ${encoded.reason}`,
      );
    }
    return encoded.record;
  });
}
