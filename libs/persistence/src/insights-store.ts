import type { ProjectDeclaration } from '@greenops/domain';
import type { DatabaseHandle } from './database-handle';
import {
  optionalText,
  requireFinite,
  requireIdentifier,
  requireInstant,
  requireText,
  requireUuid,
} from './input-checks';
import {
  checkActivityInputs,
  insertActivityInputs,
  type ActivityInputRow,
} from './activity-inputs';

/** The latest ProjectDeclared of a project, as the projector read it from the log. */
export interface DeclarationInput {
  tenant: string;
  projectId: string;
  eventId: string;
  declaredAt: string;
  declaration: ProjectDeclaration;
}

/** One activity's quantities (libs/methodology activityMeasures), keyed by its event. */
export interface MeasureInput {
  tenant: string;
  projectId: string;
  eventId: string;
  occurredAt: string;
  activityKind: string;
  artifactId?: string;
  durationS: number;
  gpuHours: number;
  storageTbMonths: number;
  transferTb: number;
  aiModality: string | null;
  aiModel: string | null;
  aiResolution: string | null;
  aiVideos: number;
  aiVideoSeconds: number;
  aiImages: number;
  artifactDurationS: number | null;
}

/** One status an artifact took, from a span or the setArtifactStatus mutation. */
export interface StatusChangeInput {
  tenant: string;
  projectId: string;
  artifactId: string;
  status: string;
  changedAt: string;
  source: 'span' | 'mutation';
  eventId: string;
}

export interface InsightsBatch {
  declarations?: DeclarationInput[];
  measures?: MeasureInput[];
  statusChanges?: StatusChangeInput[];
  /** What each activity was computed from, for what-if recomputation (docs/insights.md §5). */
  activityInputs?: ActivityInputRow[];
}

/** A later declaration replaces an earlier one; one handled again changes nothing. */
const UPSERT_DECLARATIONS = `
  insert into project_declarations as d (tenant_id, project_id, name, production_type,
    finished_minutes, shoot_days, episodes, country, start_date, end_date, tags, declared_at, event_id)
  select x.t, x.p, x.n, x.pt, x.fm, x.sd, x.ep, x.c, x.s::date, x.e::date,
         array(select jsonb_array_elements_text(x.tags::jsonb)), x.at, x.id
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[],
                $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[],
                $13::uuid[]) as x(t, p, n, pt, fm, sd, ep, c, s, e, tags, at, id)
  on conflict (tenant_id, project_id) do update set
    name = excluded.name, production_type = excluded.production_type,
    finished_minutes = excluded.finished_minutes, shoot_days = excluded.shoot_days,
    episodes = excluded.episodes, country = excluded.country, start_date = excluded.start_date,
    end_date = excluded.end_date, tags = excluded.tags, declared_at = excluded.declared_at,
    event_id = excluded.event_id
  where (excluded.declared_at, excluded.event_id) > (d.declared_at, d.event_id)`;

const INSERT_MEASURES = `
  insert into activity_measures (tenant_id, project_id, event_id, occurred_at, activity_kind,
    artifact_id, duration_s, gpu_hours, storage_tb_months, transfer_tb, ai_modality, ai_model,
    ai_resolution, ai_videos, ai_video_seconds, ai_images, artifact_duration_s)
  select * from unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[],
                       $6::text[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
                       $11::text[], $12::text[], $13::text[], $14::int[], $15::float8[],
                       $16::int[], $17::float8[])
  on conflict (tenant_id, event_id) do nothing`;

const INSERT_STATUS_CHANGES = `
  insert into artifact_status_changes (tenant_id, project_id, artifact_id, status, changed_at,
    source, event_id)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                       $6::text[], $7::uuid[])
  on conflict (tenant_id, event_id) do nothing`;

/**
 * The projector's writes of the insights tables (migration 1767225600700): declarations,
 * activity measures and artifact status history, in one transaction. Every statement is
 * idempotent, so a batch handled again after a crash writes nothing twice. Invalid input throws
 * PersistenceInputError, naming the field, before anything is written.
 */
export class InsightsStore {
  constructor(private readonly db: DatabaseHandle) {}

  async record(batch: InsightsBatch): Promise<void> {
    const declarations = (batch.declarations ?? []).map(checkDeclaration);
    const measures = (batch.measures ?? []).map(checkMeasure);
    const changes = (batch.statusChanges ?? []).map(checkStatusChange);
    const inputs = checkActivityInputs(batch.activityInputs ?? []);
    if (declarations.length + measures.length + changes.length + inputs.length === 0) return;
    // Several declarations of one project in a batch: the latest only (one row per conflict key).
    const latest = new Map<string, DeclarationInput>();
    for (const d of declarations) {
      const key = `${d.tenant}\u0000${d.projectId}`;
      const before = latest.get(key);
      if (!before || d.declaredAt > before.declaredAt) latest.set(key, d);
    }
    const decl = [...latest.values()];
    await this.db.dataSource.transaction(async (tx) => {
      if (decl.length > 0) {
        await tx.query(UPSERT_DECLARATIONS, [
          decl.map((d) => d.tenant),
          decl.map((d) => d.projectId),
          decl.map((d) => d.declaration.name),
          decl.map((d) => d.declaration.productionType),
          decl.map((d) => d.declaration.finishedMinutes ?? null),
          decl.map((d) => d.declaration.shootDays ?? null),
          decl.map((d) => d.declaration.episodes ?? null),
          decl.map((d) => d.declaration.country ?? null),
          decl.map((d) => d.declaration.startDate ?? null),
          decl.map((d) => d.declaration.endDate ?? null),
          decl.map((d) => JSON.stringify(d.declaration.tags)),
          decl.map((d) => d.declaredAt),
          decl.map((d) => d.eventId),
        ]);
      }
      if (measures.length > 0) {
        await tx.query(INSERT_MEASURES, [
          measures.map((m) => m.tenant),
          measures.map((m) => m.projectId),
          measures.map((m) => m.eventId),
          measures.map((m) => m.occurredAt),
          measures.map((m) => m.activityKind),
          measures.map((m) => m.artifactId ?? null),
          measures.map((m) => m.durationS),
          measures.map((m) => m.gpuHours),
          measures.map((m) => m.storageTbMonths),
          measures.map((m) => m.transferTb),
          measures.map((m) => m.aiModality),
          measures.map((m) => m.aiModel),
          measures.map((m) => m.aiResolution),
          measures.map((m) => m.aiVideos),
          measures.map((m) => m.aiVideoSeconds),
          measures.map((m) => m.aiImages),
          measures.map((m) => m.artifactDurationS),
        ]);
      }
      if (changes.length > 0) {
        await tx.query(INSERT_STATUS_CHANGES, [
          changes.map((c) => c.tenant),
          changes.map((c) => c.projectId),
          changes.map((c) => c.artifactId),
          changes.map((c) => c.status),
          changes.map((c) => c.changedAt),
          changes.map((c) => c.source),
          changes.map((c) => c.eventId),
        ]);
      }
      await insertActivityInputs(tx, inputs);
    });
  }
}

function iso(field: string, value: unknown): string {
  return new Date(requireInstant(field, value)).toISOString();
}

function checkDeclaration(d: DeclarationInput, i: number): DeclarationInput {
  const at = (field: string) => `declarations[${i}].${field}`;
  return {
    ...d,
    tenant: requireIdentifier(at('tenant'), d.tenant),
    projectId: requireIdentifier(at('projectId'), d.projectId),
    eventId: requireUuid(at('eventId'), d.eventId),
    declaredAt: iso(at('declaredAt'), d.declaredAt),
    declaration: {
      ...d.declaration,
      name: requireText(at('declaration.name'), d.declaration.name),
      productionType: requireIdentifier(
        at('declaration.productionType'),
        d.declaration.productionType,
      ) as DeclarationInput['declaration']['productionType'],
    },
  };
}

function checkMeasure(m: MeasureInput, i: number): MeasureInput {
  const at = (field: string) => `measures[${i}].${field}`;
  const num = (field: keyof MeasureInput) => requireFinite(at(field), m[field]);
  return {
    ...m,
    tenant: requireIdentifier(at('tenant'), m.tenant),
    projectId: requireIdentifier(at('projectId'), m.projectId),
    eventId: requireUuid(at('eventId'), m.eventId),
    occurredAt: iso(at('occurredAt'), m.occurredAt),
    activityKind: requireIdentifier(at('activityKind'), m.activityKind),
    artifactId: optionalText(at('artifactId'), m.artifactId) ?? undefined,
    durationS: num('durationS'),
    gpuHours: num('gpuHours'),
    storageTbMonths: num('storageTbMonths'),
    transferTb: num('transferTb'),
    aiVideos: num('aiVideos'),
    aiVideoSeconds: num('aiVideoSeconds'),
    aiImages: num('aiImages'),
    artifactDurationS: m.artifactDurationS === null ? null : num('artifactDurationS'),
  };
}

function checkStatusChange(c: StatusChangeInput, i: number): StatusChangeInput {
  const at = (field: string) => `statusChanges[${i}].${field}`;
  return {
    ...c,
    tenant: requireIdentifier(at('tenant'), c.tenant),
    projectId: requireIdentifier(at('projectId'), c.projectId),
    artifactId: requireIdentifier(at('artifactId'), c.artifactId),
    status: requireIdentifier(at('status'), c.status),
    changedAt: iso(at('changedAt'), c.changedAt),
    eventId: requireUuid(at('eventId'), c.eventId),
  };
}
