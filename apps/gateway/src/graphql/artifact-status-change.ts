import {
  artifactStatusEventId,
  encodeLogRecord,
  type ArtifactStatusChanged,
  type LogRecord,
} from '@greenops/contracts';

/** The ArtifactStatusChanged event of a checked status change, encoded for the log. */
export function artifactStatusChange(
  tenant: string,
  projectId: string,
  artifactId: string,
  status: string,
  note: string | undefined,
  now: Date,
): { event: ArtifactStatusChanged; record: LogRecord } {
  const changedAt = now.toISOString();
  const event: ArtifactStatusChanged = {
    id: artifactStatusEventId(tenant, projectId, artifactId, status, changedAt),
    type: 'ArtifactStatusChanged',
    version: 1,
    tenant,
    projectId,
    occurredAt: changedAt,
    recordedAt: changedAt,
    payload: { artifactId, status, ...(note === undefined ? {} : { note }) },
  };
  const encoded = encodeLogRecord(event);
  if (!encoded.ok) {
    throw new Error(
      `ArtifactStatusChanged.${encoded.field} breaks its contract: ${encoded.reason}`,
    );
  }
  return { event, record: encoded.record };
}
