import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from './database-handle';
import { requireIdentifier, requireInstant, requireIntInRange, requireText } from './input-checks';
import {
  DELETE_EMPTY_ROLLUP_DAYS_OF_TENANT,
  EXPIRE_FACTS_TIMESCALE,
  EXPIRE_FACTS_WITH_ROLLUP,
  EXPIRE_LOG_RECORDS,
  EXPIRE_MEASURES,
  INSERT_AUDIT,
  KEEP_TOTALS,
  REFRESH_DAILY,
} from './telemetry-retention-sql';

/** Longest raw window a tenant may set (100 years: "keep everything" in practice). */
export const MAX_RAW_DAYS = 36_500;
/** Facts (and log records) removed per transaction, so a sweep never holds long locks. */
export const RETENTION_BATCH = 5_000;
/** Acting key of the periodic sweep in the audit trail. */
export const SWEEP_KEY_ID = 'system:telemetry-retention-sweep';

const DAY_MS = 86_400_000;

export interface TelemetryRetentionActor {
  keyId: string;
  reason: string;
}

export interface TelemetryRetentionSetting {
  rawDays: number;
  setAt: string;
  setBy: string;
  /** Everything at or after this instant is still held raw; null: nothing was removed yet. */
  rawHeldFrom: string | null;
  lastEnforcedAt: string | null;
}

export interface TelemetryRetentionRun {
  tenant: string;
  /** UTC midnight: facts that happened before it were removed. */
  cutoff: string;
  facts: number;
  measures: number;
  logRecords: number;
}

const UPSERT_SETTING = `
  insert into telemetry_retention (tenant_id, raw_days, set_at, set_by)
  values ($1, $2, $3, $4)
  on conflict (tenant_id) do update set
    raw_days = excluded.raw_days, set_at = excluded.set_at, set_by = excluded.set_by
  returning (select r.raw_days from telemetry_retention r where r.tenant_id = $1) as "previousRawDays"`;

const SETTING = `
  select raw_days as "rawDays", set_at as "setAt", set_by as "setBy",
         raw_held_from as "rawHeldFrom", last_enforced_at as "lastEnforcedAt"
    from telemetry_retention where tenant_id = $1`;

const TENANTS_WITH_WINDOW = `select tenant_id as tenant from telemetry_retention order by tenant_id`;

/** The longest window, when every tenant has one (else null: some tenant keeps everything). */
const SHARED_TOPIC_DAYS = `
  select case when exists (select 1 from tenants t
                            where not exists (select 1 from telemetry_retention r where r.tenant_id = t.id))
              then null else (select max(raw_days) from telemetry_retention) end as days`;

const MARK_ENFORCED = `
  update telemetry_retention set
    raw_held_from = greatest(coalesce(raw_held_from, $2::timestamptz), $2::timestamptz),
    last_enforced_at = $3
   where tenant_id = $1`;

/**
 * Per-tenant raw-telemetry retention (docs/retention.md, "The platform's own data"): raw facts,
 * their counted_facts rows, per-event measures and the embedded log's activity records older
 * than the tenant's window are removed by range DELETEs, a batch per transaction. Emission
 * facts' daily sums move to archived_daily_emissions first and the totals triggers skip these
 * deletes, so project totals, artifact totals and every daily or bucketed series stay as they
 * were. Range DELETEs, not drop_chunks: a chunk holds every tenant's facts of its 90 days, and
 * each tenant has its own window. Every setting and every enforcement that removed something
 * leaves a retention_audit record.
 */
export class TelemetryRetentionStore {
  /** `activitiesTopic`: the embedded log's topic of ActivityRecorded (@greenops/contracts TOPICS). */
  constructor(
    private readonly db: DatabaseHandle,
    private readonly activitiesTopic: string,
  ) {}

  /** Sets (or changes) the tenant's window; audited. Nothing is removed until enforcement. */
  async setWindow(
    tenant: string,
    rawDays: number,
    actor: TelemetryRetentionActor,
    now: Date = new Date(),
  ): Promise<TelemetryRetentionSetting> {
    const t = requireIdentifier('tenant', tenant);
    const days = requireIntInRange('rawDays', rawDays, 1, MAX_RAW_DAYS);
    const keyId = requireText('keyId', actor.keyId);
    const reason = requireText('reason', actor.reason);
    const at = now.toISOString();
    await this.db.dataSource.transaction(async (tx) => {
      const rows: Array<{ previousRawDays: number | null }> = await tx.query(UPSERT_SETTING, [
        t,
        days,
        at,
        keyId,
      ]);
      await tx.query(INSERT_AUDIT, [
        t,
        randomUUID(),
        'TELEMETRY_RETENTION_SET',
        null,
        `rawDays=${days}`,
        keyId,
        reason,
        at,
        JSON.stringify({ rawDays: days, previousRawDays: rows[0]?.previousRawDays ?? null }),
      ]);
    });
    return (await this.setting(t))!;
  }

  /** The tenant's window and how far raw data still reaches; null: no window (all kept). */
  async setting(tenant: string): Promise<TelemetryRetentionSetting | null> {
    const rows = await this.db.reads.run(
      () =>
        this.db.dataSource.query(SETTING, [requireIdentifier('tenant', tenant)]) as Promise<
          Array<{
            rawDays: number;
            setAt: Date;
            setBy: string;
            rawHeldFrom: Date | null;
            lastEnforcedAt: Date | null;
          }>
        >,
    );
    const r = rows[0];
    if (!r) return null;
    return {
      rawDays: r.rawDays,
      setAt: new Date(r.setAt).toISOString(),
      setBy: r.setBy,
      rawHeldFrom: r.rawHeldFrom ? new Date(r.rawHeldFrom).toISOString() : null,
      lastEnforcedAt: r.lastEnforcedAt ? new Date(r.lastEnforcedAt).toISOString() : null,
    };
  }

  /**
   * The earliest instant a rebuild can still recompute from raw data: everything before it was
   * removed by retention. Null when nothing was removed.
   */
  async restatableFrom(tenant: string): Promise<string | null> {
    return (await this.setting(tenant))?.rawHeldFrom ?? null;
  }

  /**
   * Removes the tenant's raw data older than its window (cutoff: UTC midnight `rawDays` days
   * before the day of `now`). No window: nothing to do (null). Audited when anything was removed.
   */
  async enforce(
    tenant: string,
    actor: TelemetryRetentionActor,
    now: Date = new Date(),
    progress: (line: string) => void = () => {},
  ): Promise<TelemetryRetentionRun | null> {
    const t = requireIdentifier('tenant', tenant);
    const keyId = requireText('keyId', actor.keyId);
    const nowMs = requireInstant('now', now.toISOString());
    const setting = await this.setting(t);
    if (!setting) return null;
    const cutoffMs = Math.floor(nowMs / DAY_MS) * DAY_MS - setting.rawDays * DAY_MS;
    const cutoff = new Date(cutoffMs).toISOString();
    const timescale = this.db.capabilities.timescale;
    const run: TelemetryRetentionRun = { tenant: t, cutoff, facts: 0, measures: 0, logRecords: 0 };
    let earliestMs = Number.POSITIVE_INFINITY;

    for (;;) {
      const batch = await this.db.dataSource.transaction(async (tx) => {
        await tx.query(KEEP_TOTALS);
        const rows: Array<{ facts: number; earliest: Date | null }> = await tx.query(
          timescale ? EXPIRE_FACTS_TIMESCALE : EXPIRE_FACTS_WITH_ROLLUP,
          [t, cutoff, RETENTION_BATCH],
        );
        if (!timescale) await tx.query(DELETE_EMPTY_ROLLUP_DAYS_OF_TENANT, [t]);
        return rows[0];
      });
      run.facts += batch?.facts ?? 0;
      if (batch?.earliest) earliestMs = Math.min(earliestMs, new Date(batch.earliest).getTime());
      if ((batch?.facts ?? 0) > 0)
        progress(`telemetry retention ${t}: ${run.facts} facts before ${cutoff} removed so far`);
      if ((batch?.facts ?? 0) < RETENTION_BATCH) break;
    }
    const measures: Array<{ n: number }> = await this.db.dataSource.query(EXPIRE_MEASURES, [
      t,
      cutoff,
    ]);
    run.measures = measures[0]?.n ?? 0;
    for (;;) {
      const rows: Array<{ n: number }> = await this.db.dataSource.query(EXPIRE_LOG_RECORDS, [
        t,
        this.activitiesTopic,
        cutoff,
        RETENTION_BATCH,
      ]);
      const n = rows[0]?.n ?? 0;
      run.logRecords += n;
      if (n > 0)
        progress(
          `telemetry retention ${t}: ${run.logRecords} log records before ${cutoff} removed so far`,
        );
      if (n < RETENTION_BATCH) break;
    }
    // The continuous aggregate forgets the removed days on refresh (they are archived now).
    if (timescale && run.facts > 0) {
      const fromMs = Math.floor(earliestMs / DAY_MS) * DAY_MS;
      await this.db.dataSource.query(REFRESH_DAILY, [new Date(fromMs).toISOString(), cutoff]);
    }
    const removed = run.facts + run.measures + run.logRecords > 0;
    await this.db.dataSource.transaction(async (tx) => {
      await tx.query(MARK_ENFORCED, [t, cutoff, now.toISOString()]);
      if (removed) {
        await tx.query(INSERT_AUDIT, [
          t,
          randomUUID(),
          'TELEMETRY_RETENTION_ENFORCED',
          null,
          `before ${cutoff}`,
          keyId,
          actor.reason,
          now.toISOString(),
          JSON.stringify({
            rawDays: setting.rawDays,
            cutoff,
            facts: run.facts,
            measures: run.measures,
            logRecords: run.logRecords,
          }),
        ]);
      }
    });
    progress(
      `telemetry retention ${t}: done, ${run.facts} facts, ${run.measures} measures, ${run.logRecords} log records before ${cutoff} removed`,
    );
    return run;
  }

  /**
   * How many days a log shared by every tenant (the Kafka topic) may keep: the longest window
   * when every tenant has one; null when some tenant has none (it keeps everything).
   */
  async sharedLogRawDays(): Promise<number | null> {
    const rows: Array<{ days: number | null }> = await this.db.dataSource.query(SHARED_TOPIC_DAYS);
    return rows[0]?.days ?? null;
  }

  /**
   * The periodic sweep: every tenant with a window, one after the other. A tenant that fails is
   * reported and skipped; the others are still enforced.
   */
  async sweep(
    now: Date = new Date(),
    progress: (line: string) => void = () => {},
  ): Promise<TelemetryRetentionRun[]> {
    const tenants: Array<{ tenant: string }> = await this.db.dataSource.query(TENANTS_WITH_WINDOW);
    const runs: TelemetryRetentionRun[] = [];
    for (const { tenant } of tenants) {
      try {
        const run = await this.enforce(
          tenant,
          { keyId: SWEEP_KEY_ID, reason: 'periodic telemetry retention sweep' },
          now,
          progress,
        );
        if (run) runs.push(run);
      } catch (error) {
        progress(`telemetry retention ${tenant}: failed, skipped: ${(error as Error).message}`);
      }
    }
    return runs;
  }
}
