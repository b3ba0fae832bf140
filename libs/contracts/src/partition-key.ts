/**
 * Tenant-level events travel on the activities topic under this pseudo project, so the
 * projector sees them in order with the activities of their partition.
 */
export const TENANT_SCOPE_PROJECT = '_tenant';

/** Partition key of an enveloped event: all events of one project stay ordered on one partition. */
export function partitionKey(tenant: string, projectId: string): string {
  return `${tenant}/${projectId}`;
}
