import type { Activity } from '@greenops/domain';
import type { EntityManager } from 'typeorm';
import { requireIdentifier, requireInstant, requireUuid } from './input-checks';

/** What the methodology computes an activity from: no names, trace ids or artifact (not inputs). */
export type StoredActivityInputs = Pick<
  Activity,
  'kind' | 'startTime' | 'durationS' | 'measurements'
>;

/** One projected activity's inputs (migration 1767225601200), keyed by its event. */
export interface ActivityInputRow {
  tenant: string;
  projectId: string;
  eventId: string;
  occurredAt: string;
  inputs: StoredActivityInputs;
}

/**
 * Largest stored inputs of one activity, in JSON characters. A validated span's measurements are
 * a few hundred; a larger one is not stored (the what-if then counts it as without inputs), so
 * one odd span never fails the batch nor grows the table.
 */
export const MAX_ACTIVITY_INPUTS_CHARS = 16_384;

const INSERT_ACTIVITY_INPUTS = `
  insert into activity_inputs (tenant_id, project_id, event_id, occurred_at, activity_kind, inputs)
  select x.t, x.p, x.id, x.at, x.k, x.i::jsonb
    from unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[])
      as x(t, p, id, at, k, i)
  on conflict (tenant_id, event_id) do nothing`;

/** Checked rows as [row, json]; throws PersistenceInputError naming the field. */
export function checkActivityInputs(
  rows: readonly ActivityInputRow[],
): Array<{ row: ActivityInputRow; json: string }> {
  return rows.flatMap((r, i) => {
    const at = (field: string) => `activityInputs[${i}].${field}`;
    const row: ActivityInputRow = {
      ...r,
      tenant: requireIdentifier(at('tenant'), r.tenant),
      projectId: requireIdentifier(at('projectId'), r.projectId),
      eventId: requireUuid(at('eventId'), r.eventId),
      occurredAt: new Date(requireInstant(at('occurredAt'), r.occurredAt)).toISOString(),
      inputs: {
        kind: requireIdentifier(at('inputs.kind'), r.inputs.kind) as Activity['kind'],
        startTime: r.inputs.startTime,
        durationS: r.inputs.durationS,
        measurements: r.inputs.measurements,
      },
    };
    const json = JSON.stringify(row.inputs);
    return json.length > MAX_ACTIVITY_INPUTS_CHARS ? [] : [{ row, json }];
  });
}

/** Idempotent: an activity handled again writes nothing twice. */
export async function insertActivityInputs(
  tx: EntityManager,
  rows: ReadonlyArray<{ row: ActivityInputRow; json: string }>,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(INSERT_ACTIVITY_INPUTS, [
    rows.map((r) => r.row.tenant),
    rows.map((r) => r.row.projectId),
    rows.map((r) => r.row.eventId),
    rows.map((r) => r.row.occurredAt),
    rows.map((r) => r.row.inputs.kind),
    rows.map((r) => r.json),
  ]);
}
