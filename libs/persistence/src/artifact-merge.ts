import { artifactFieldWins } from './artifact-field-wins';
import { optionalText, requireInstant, requireText } from './input-checks';

/** An artifact's known facts from one event (see EmissionStore.commitBatch). */
export interface ArtifactUpsert {
  tenant: string;
  projectId: string;
  artifactId: string;
  parentId?: string;
  kind?: string;
  status?: string;
  seenAt: string;
}

type Field = 'parentId' | 'kind' | 'status';
export const ARTIFACT_FIELDS: readonly Field[] = ['parentId', 'kind', 'status'];

/**
 * One row to upsert; each known field carries the time it was observed at (`fieldAtMs`, null
 * for an absent field), `updatedAtMs` is the latest of them (first seen when none is known).
 */
export interface ArtifactRow {
  tenant: string;
  projectId: string;
  artifactId: string;
  parentId: string | null;
  kind: string | null;
  status: string | null;
  fieldAtMs: Record<Field, number | null>;
  firstSeenAtMs: number;
  updatedAtMs: number;
}

interface Pending {
  row: ArtifactRow;
  carriesInfo: boolean;
}

/**
 * Collapses a batch's upserts to one row per artifact (a single INSERT … ON CONFLICT DO
 * UPDATE may touch a row only once) and adds a bare row for every artifact named only as a
 * parent. Validates as it goes; errors name `artifacts[i].<field>`.
 */
export function mergeArtifactUpserts(upserts: readonly ArtifactUpsert[]): ArtifactRow[] {
  const byKey = new Map<string, Pending>();
  const apply = (row: ArtifactRow, atMs: number): void => {
    const key = JSON.stringify([row.tenant, row.projectId, row.artifactId]);
    const carriesInfo = ARTIFACT_FIELDS.some((f) => row[f] !== null);
    const pending = byKey.get(key);
    if (!pending) {
      byKey.set(key, { row: { ...row, fieldAtMs: { ...row.fieldAtMs } }, carriesInfo });
      return;
    }
    const merged = pending.row;
    merged.firstSeenAtMs = Math.min(merged.firstSeenAtMs, row.firstSeenAtMs);
    for (const f of ARTIFACT_FIELDS) {
      if (artifactFieldWins(merged[f], merged.fieldAtMs[f], row[f], atMs)) {
        merged[f] = row[f];
        merged.fieldAtMs[f] = atMs;
      }
    }
    if (carriesInfo) {
      merged.updatedAtMs = pending.carriesInfo ? Math.max(merged.updatedAtMs, atMs) : atMs;
      pending.carriesInfo = true;
    }
  };

  upserts.forEach((u, i) => {
    const at = (field: string) => `artifacts[${i}].${field}`;
    const tenant = requireText(at('tenant'), u.tenant);
    const projectId = requireText(at('projectId'), u.projectId);
    const artifactId = requireText(at('artifactId'), u.artifactId);
    const parentId = optionalText(at('parentId'), u.parentId);
    const seenMs = requireInstant(at('seenAt'), u.seenAt);
    const kind = optionalText(at('kind'), u.kind);
    const status = optionalText(at('status'), u.status);
    const known = (value: string | null) => (value === null ? null : seenMs);
    apply(
      {
        tenant,
        projectId,
        artifactId,
        parentId,
        kind,
        status,
        fieldAtMs: { parentId: known(parentId), kind: known(kind), status: known(status) },
        firstSeenAtMs: seenMs,
        updatedAtMs: seenMs,
      },
      seenMs,
    );
    if (parentId !== null) {
      apply(
        {
          tenant,
          projectId,
          artifactId: parentId,
          parentId: null,
          kind: null,
          status: null,
          fieldAtMs: { parentId: null, kind: null, status: null },
          firstSeenAtMs: seenMs,
          updatedAtMs: seenMs,
        },
        seenMs,
      );
    }
  });
  return [...byKey.values()].map((p) => p.row);
}
