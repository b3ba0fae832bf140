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

/** One row to upsert; `updatedAtMs` is the latest event that carried kind/status/parent. */
export interface ArtifactRow {
  tenant: string;
  projectId: string;
  artifactId: string;
  parentId: string | null;
  kind: string | null;
  status: string | null;
  firstSeenAtMs: number;
  updatedAtMs: number;
}

type Field = 'parentId' | 'kind' | 'status';
const FIELDS: Field[] = ['parentId', 'kind', 'status'];

interface Pending {
  row: ArtifactRow;
  /** Time each field's current value was seen; later values win, nulls never erase. */
  fieldAtMs: Record<Field, number>;
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
    const carriesInfo = FIELDS.some((f) => row[f] !== null);
    const pending = byKey.get(key);
    if (!pending) {
      byKey.set(key, {
        row: { ...row },
        fieldAtMs: { parentId: atMs, kind: atMs, status: atMs },
        carriesInfo,
      });
      return;
    }
    const merged = pending.row;
    merged.firstSeenAtMs = Math.min(merged.firstSeenAtMs, row.firstSeenAtMs);
    for (const f of FIELDS) {
      const value = row[f];
      if (value !== null && (merged[f] === null || atMs >= pending.fieldAtMs[f])) {
        merged[f] = value;
        pending.fieldAtMs[f] = atMs;
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
    apply(
      {
        tenant,
        projectId,
        artifactId,
        parentId,
        kind: optionalText(at('kind'), u.kind),
        status: optionalText(at('status'), u.status),
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
          firstSeenAtMs: seenMs,
          updatedAtMs: seenMs,
        },
        seenMs,
      );
    }
  });
  return [...byKey.values()].map((p) => p.row);
}
