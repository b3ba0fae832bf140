import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from './database-handle';
import { requireIdentifier, requireText } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import {
  ACTIVE_LEGAL_HOLDS,
  DELETE_EMPTY_ROLLUP_DAYS_OF_TENANT,
  ERASE_FACTS_TIMESCALE,
  ERASE_FACTS_WITH_ROLLUP,
  ERASE_LOG_RECORDS,
  ERASE_PROJECT_DETAIL,
  ERASE_PROJECT_KPI_AGGREGATES,
  ERASE_PROJECT_TOTALS,
  INSERT_AUDIT,
  KEEP_TOTALS,
  REFRESH_DAILY,
} from './telemetry-retention-sql';

const ERASE_BATCH = 10_000;
const DAY_MS = 86_400_000;

export interface ProjectErasureActor {
  keyId: string;
  reason: string;
}

export interface ProjectErasure {
  projectId: string;
  keepTotals: boolean;
  facts: number;
  /** Rows of per-project detail tables (artifacts, measures, holdings, holds, declarations…). */
  detailRows: number;
  /** Total rows removed (project totals, daily sums) when keepTotals is false. */
  totalRows: number;
  logRecords: number;
}

/**
 * Erases one project of one tenant (contract end, a data subject's request; docs/retention.md,
 * "Erasure"): its raw facts, counted_facts rows, artifacts and every per-project table, and its
 * records on the embedded log — in ONE transaction, with the audit record. keepTotals: the
 * project's totals by scope and its daily sums (archived_daily_emissions) stay; otherwise they
 * go too. Refused while a legal hold is in force on the project. Another tenant's project with
 * the same id is never touched: every statement is scoped by tenant.
 */
export class ProjectErasureStore {
  constructor(private readonly db: DatabaseHandle) {}

  async erase(
    tenant: string,
    projectId: string,
    keepTotals: boolean,
    actor: ProjectErasureActor,
    now: Date = new Date(),
  ): Promise<ProjectErasure> {
    const t = requireIdentifier('tenant', tenant);
    const p = requireIdentifier('projectId', projectId);
    if (typeof keepTotals !== 'boolean')
      throw new PersistenceInputError('keepTotals', 'must be true or false');
    const keyId = requireText('keyId', actor.keyId);
    const reason = requireText('reason', actor.reason);
    const timescale = this.db.capabilities.timescale;
    const result: ProjectErasure = {
      projectId: p,
      keepTotals,
      facts: 0,
      detailRows: 0,
      totalRows: 0,
      logRecords: 0,
    };
    let earliestMs = Number.POSITIVE_INFINITY;
    let latestMs = Number.NEGATIVE_INFINITY;
    const count = (rows: Array<{ n: number }>) => rows[0]?.n ?? 0;

    await this.db.dataSource.transaction(async (tx) => {
      const holds: Array<{ n: number }> = await tx.query(ACTIVE_LEGAL_HOLDS, [t, p]);
      if (count(holds) > 0)
        throw new PersistenceInputError(
          'projectId',
          `the project has ${count(holds)} legal hold(s) in force; release them before erasing it`,
        );
      if (keepTotals) await tx.query(KEEP_TOTALS);
      for (;;) {
        const rows: Array<{ facts: number; earliest: Date | null; latest: Date | null }> =
          await tx.query(timescale ? ERASE_FACTS_TIMESCALE : ERASE_FACTS_WITH_ROLLUP, [
            t,
            p,
            ERASE_BATCH,
            keepTotals,
          ]);
        const r = rows[0];
        result.facts += r?.facts ?? 0;
        if (r?.earliest) earliestMs = Math.min(earliestMs, new Date(r.earliest).getTime());
        if (r?.latest) latestMs = Math.max(latestMs, new Date(r.latest).getTime());
        if ((r?.facts ?? 0) < ERASE_BATCH) break;
      }
      if (!timescale) await tx.query(DELETE_EMPTY_ROLLUP_DAYS_OF_TENANT, [t]);
      for (const sql of ERASE_PROJECT_DETAIL)
        result.detailRows += count(await tx.query(sql, [t, p]));
      for (const sql of ERASE_PROJECT_KPI_AGGREGATES) await tx.query(sql, [t, p]);
      if (!keepTotals) {
        for (const sql of ERASE_PROJECT_TOTALS(timescale))
          result.totalRows += count(await tx.query(sql, [t, p]));
      }
      result.logRecords = count(await tx.query(ERASE_LOG_RECORDS, [t, p]));
      await tx.query(INSERT_AUDIT, [
        t,
        randomUUID(),
        'PROJECT_ERASED',
        p,
        keepTotals ? 'keepTotals=true' : 'keepTotals=false',
        keyId,
        reason,
        now.toISOString(),
        JSON.stringify(result),
      ]);
    });
    // The continuous aggregate forgets the erased facts' days on refresh (archived when kept).
    if (timescale && result.facts > 0) {
      await this.db.dataSource.query(REFRESH_DAILY, [
        new Date(Math.floor(earliestMs / DAY_MS) * DAY_MS).toISOString(),
        new Date(Math.floor(latestMs / DAY_MS) * DAY_MS + DAY_MS).toISOString(),
      ]);
    }
    return result;
  }
}
