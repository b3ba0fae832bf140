import type { ConsumerPositionSource } from '@greenops/messaging';
import {
  ARTIFACT_FIELDS,
  mergeArtifactUpserts,
  type ArtifactRow,
  type ArtifactUpsert,
} from './artifact-merge';
import type { DatabaseHandle } from './database-handle';
import {
  emissionFactParams,
  toEmissionFactColumns,
  type EmissionFactInput,
} from './emission-fact-columns';
import { stageFactsByCopy } from './emission-fact-copy';
import {
  INSERT_FACTS_TIMESCALE,
  INSERT_FACTS_WITH_ROLLUP,
  INSERT_STAGED_FACTS_WITH_ROLLUP,
} from './emission-fact-sql';
import {
  DELETE_EMPTY_ROLLUP_DAYS,
  DELETE_REPLACED_FACTS_TIMESCALE,
  DELETE_REPLACED_FACTS_WITH_ROLLUP,
  latestVersionRows,
  pickRows,
  UPSERT_COUNTED_FACTS,
} from './counted-facts';
import { requireInstant, requireIntInRange, requireText } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import {
  INSERT_PROJECTION_FAILURES,
  projectionFailureParams,
  type ProjectionFailureInput,
} from './projection-failure';
import { mergeOffsets, type ConsumerOffsetInput } from './offset-merge';

export interface EmissionBatch {
  facts: EmissionFactInput[];
  artifacts: ArtifactUpsert[];
  offsets: ConsumerOffsetInput[];
  /** Rejected spans read from the DLQ topic, each at its log position. */
  rejections?: RejectionInput[];
  /** Events the projector did not count, each with its stage, field and reason. */
  failures?: ProjectionFailureInput[];
}

export interface RejectionInput {
  tenant: string;
  traceId: string;
  spanId: string;
  spanName: string;
  field: string;
  reason: string;
  rejectedAt: string;
  log: { topic: string; partition: number; offset: string };
}

const INSERT_REJECTIONS = `
  insert into dead_letters (tenant_id, trace_id, span_id, span_name, field, reason, rejected_at,
                            log_topic, log_partition, log_offset)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                       $7::timestamptz[], $8::text[], $9::int[], $10::bigint[])
  on conflict (log_topic, log_partition, log_offset) do nothing`;

const fieldWins = (column: string) =>
  `greenops_artifact_field_wins(a.${column}, a.${column}_at, excluded.${column}, excluded.${column}_at)`;
const mergeField = (column: string) => `
    ${column} = case when ${fieldWins(column)} then excluded.${column} else a.${column} end,
    ${column}_at = case when ${fieldWins(column)} then excluded.${column}_at else a.${column}_at end`;

/**
 * Per-field recency: each of parent/kind/status merges by its own observed-at time through
 * `greenops_artifact_field_wins` (the SQL twin of artifactFieldWins: latest wins, absent never
 * erases); a mention as someone's parent never moves updated_at.
 */
const UPSERT_ARTIFACTS = `
  insert into artifacts as a (tenant_id, project_id, artifact_id, parent_id, kind, status,
                              parent_id_at, kind_at, status_at, first_seen_at, updated_at)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                       $7::timestamptz[], $8::timestamptz[], $9::timestamptz[],
                       $10::timestamptz[], $11::timestamptz[])
  on conflict (tenant_id, project_id, artifact_id) do update set${mergeField('parent_id')},${mergeField('kind')},${mergeField('status')},
    first_seen_at = least(a.first_seen_at, excluded.first_seen_at),
    updated_at = case when coalesce(excluded.parent_id, excluded.kind, excluded.status) is not null
                      then greatest(a.updated_at, excluded.updated_at) else a.updated_at end`;

const UPSERT_OFFSETS = `
  insert into consumer_offsets (consumer_group, topic, partition, next_offset, updated_at)
  select g, t, p, o, now() from unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) as x(g, t, p, o)
  on conflict (consumer_group, topic, partition) do update set
    next_offset = excluded.next_offset, updated_at = excluded.updated_at`;

const SELECT_OFFSETS = `
  select partition, next_offset::text as next_offset
    from consumer_offsets where consumer_group = $1 and topic = $2`;

/** Projector's write side: facts, artifacts, rollup and consumed offsets in one transaction. */
export class EmissionStore implements ConsumerPositionSource {
  constructor(private readonly db: DatabaseHandle) {}

  /**
   * ONE transaction: insert facts (ON CONFLICT DO NOTHING), upsert artifacts (parents
   * included), maintain the plain-PG rollup for newly inserted facts only, upsert offsets.
   * Returns the number of facts newly inserted. Invalid input throws PersistenceInputError
   * before anything is written.
   */
  async commitBatch(
    batch: EmissionBatch,
  ): Promise<{ insertedFacts: number; replacedFacts: number }> {
    const checked = toEmissionFactColumns(batch.facts);
    const facts = pickRows(checked, latestVersionRows(checked));
    const artifacts = mergeArtifactUpserts(batch.artifacts);
    const offsets = mergeOffsets(batch.offsets);
    const rejections = checkRejections(batch.rejections ?? []);
    const failures =
      batch.failures && batch.failures.length > 0 ? projectionFailureParams(batch.failures) : null;
    const timescale = this.db.capabilities.timescale;
    // Plain PostgreSQL server: facts staged by COPY, then one INSERT … SELECT (same statement,
    // same rollup); elsewhere one statement over parameter arrays.
    const copyIn = !timescale && this.db.capabilities.copyIn === true;
    const insertFacts = timescale ? INSERT_FACTS_TIMESCALE : INSERT_FACTS_WITH_ROLLUP;

    return this.db.dataSource.transaction(async (tx) => {
      let insertedFacts = 0;
      let replacedFacts = 0;
      if (facts.eventId.length > 0) {
        // Corrections (counted-facts.ts): only versions received later than the counted one
        // are written; the fact each replaces is deleted first.
        const written: Array<{
          tenant_id: string;
          event_id: string;
          projection_version: number;
          replaced_occurred_at: Date | null;
        }> = await tx.query(UPSERT_COUNTED_FACTS, [
          facts.tenantId,
          facts.eventId,
          facts.projectionVersion,
          facts.occurredAt,
          facts.recordedAt,
        ]);
        const replaced = written.filter((w) => w.replaced_occurred_at !== null);
        if (replaced.length > 0) {
          const rows: Array<{ deleted: number }> = await tx.query(
            timescale ? DELETE_REPLACED_FACTS_TIMESCALE : DELETE_REPLACED_FACTS_WITH_ROLLUP,
            [
              replaced.map((w) => w.tenant_id),
              replaced.map((w) => w.event_id),
              replaced.map((w) => w.projection_version),
              replaced.map((w) => w.replaced_occurred_at!.toISOString()),
            ],
          );
          replacedFacts = rows[0]?.deleted ?? 0;
          if (!timescale)
            await tx.query(DELETE_EMPTY_ROLLUP_DAYS, [
              [...new Set(replaced.map((w) => w.tenant_id))],
            ]);
        }
        const writtenKeys = new Set(
          written.map((w) => JSON.stringify([w.tenant_id, w.event_id, w.projection_version])),
        );
        const toInsert = facts.eventId
          .map((_, i) => i)
          .filter((i) =>
            writtenKeys.has(
              JSON.stringify([facts.tenantId[i], facts.eventId[i], facts.projectionVersion[i]]),
            ),
          );
        if (toInsert.length > 0) {
          const rowsToInsert = pickRows(facts, toInsert);
          let rows: Array<{ inserted: number }>;
          if (copyIn) {
            await stageFactsByCopy(tx, rowsToInsert);
            rows = await tx.query(INSERT_STAGED_FACTS_WITH_ROLLUP);
          } else {
            rows = await tx.query(insertFacts, emissionFactParams(rowsToInsert));
          }
          insertedFacts = rows[0]?.inserted ?? 0;
        }
      }
      if (artifacts.length > 0) await tx.query(UPSERT_ARTIFACTS, artifactParams(artifacts));
      if (rejections.length > 0) await tx.query(INSERT_REJECTIONS, rejectionParams(rejections));
      if (failures) await tx.query(INSERT_PROJECTION_FAILURES, failures);
      if (offsets.length > 0) {
        await tx.query(UPSERT_OFFSETS, [
          offsets.map((o) => o.group),
          offsets.map((o) => o.topic),
          offsets.map((o) => o.partition),
          offsets.map((o) => o.nextOffset),
        ]);
      }
      return { insertedFacts, replacedFacts };
    });
  }

  /** Resume positions per partition (ConsumerPositionSource of @greenops/messaging). */
  async nextOffsets(group: string, topic: string): Promise<Map<number, string>> {
    const rows: Array<{ partition: number; next_offset: string }> = await this.db.dataSource.query(
      SELECT_OFFSETS,
      [requireText('group', group), requireText('topic', topic)],
    );
    return new Map(rows.map((r) => [r.partition, r.next_offset]));
  }
}

function artifactParams(rows: ArtifactRow[]): unknown[] {
  return [
    rows.map((r) => r.tenant),
    rows.map((r) => r.projectId),
    rows.map((r) => r.artifactId),
    rows.map((r) => r.parentId),
    rows.map((r) => r.kind),
    rows.map((r) => r.status),
    ...ARTIFACT_FIELDS.map((f) =>
      rows.map((r) => {
        const atMs = r.fieldAtMs[f];
        return atMs === null ? null : new Date(atMs).toISOString();
      }),
    ),
    rows.map((r) => new Date(r.firstSeenAtMs).toISOString()),
    rows.map((r) => new Date(r.updatedAtMs).toISOString()),
  ];
}

function checkRejections(rows: readonly RejectionInput[]): RejectionInput[] {
  return rows.map((r, i) => {
    const at = (field: string) => `rejections[${i}].${field}`;
    if (!/^\d+$/.test(String(r.log?.offset)))
      throw new PersistenceInputError(at('log.offset'), 'must be a log offset');
    return {
      ...r,
      tenant: requireText(at('tenant'), r.tenant),
      field: requireText(at('field'), r.field),
      reason: requireText(at('reason'), r.reason),
      rejectedAt: new Date(requireInstant(at('rejectedAt'), r.rejectedAt)).toISOString(),
      log: {
        topic: requireText(at('log.topic'), r.log.topic),
        partition: requireIntInRange(at('log.partition'), r.log.partition, 0, 1_000_000),
        offset: r.log.offset,
      },
    };
  });
}

function rejectionParams(rows: RejectionInput[]): unknown[] {
  return [
    rows.map((r) => r.tenant),
    rows.map((r) => String(r.traceId ?? '')),
    rows.map((r) => String(r.spanId ?? '')),
    rows.map((r) => String(r.spanName ?? '')),
    rows.map((r) => r.field),
    rows.map((r) => r.reason),
    rows.map((r) => r.rejectedAt),
    rows.map((r) => r.log.topic),
    rows.map((r) => r.log.partition),
    rows.map((r) => r.log.offset),
  ];
}
