import type { DatabaseHandle } from './database-handle';

/** One owned partition as an instance reported it. */
export interface ReportedPartition {
  partition: number;
  committedOffset: string | null;
  highWatermark: string | null;
  /** null when the lag could not be read (e.g. the broker is away). */
  lag: number | null;
}

export interface ProjectorInstanceReport {
  instanceId: string;
  host: string;
  group: string;
  /** The consumer's state: joining, consuming, stalled, stopped. */
  state: string;
  partitions: ReportedPartition[];
  startedAt: Date;
}

export interface ProjectorInstanceRow extends ProjectorInstanceReport {
  lastSeen: Date;
  /** Not seen for longer than the stale limit (default 30 s). */
  stale: boolean;
}

/** An instance not seen for this long is flagged stale. */
export const STALE_INSTANCE_MS = 30_000;
/** Rows of instances gone for this long are removed by the next report (the table stays small). */
export const FORGET_INSTANCE_MS = 24 * 3_600_000;
/** At most this many instances are listed. */
export const MAX_LISTED_INSTANCES = 200;

/** The projector_instances table: each projector upserts its row; the gateway lists them. */
export class ProjectorInstanceStore {
  constructor(private readonly db: DatabaseHandle) {}

  async report(report: ProjectorInstanceReport, now = new Date()): Promise<void> {
    await this.db.dataSource.query(
      `insert into projector_instances (instance_id, host, group_id, state, partitions, started_at, last_seen)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7)
       on conflict (instance_id) do update
         set host = excluded.host, group_id = excluded.group_id, state = excluded.state,
             partitions = excluded.partitions, last_seen = excluded.last_seen`,
      [
        report.instanceId,
        report.host,
        report.group,
        report.state,
        JSON.stringify(report.partitions),
        report.startedAt.toISOString(),
        now.toISOString(),
      ],
    );
    await this.db.dataSource.query(`delete from projector_instances where last_seen < $1`, [
      new Date(now.getTime() - FORGET_INSTANCE_MS).toISOString(),
    ]);
  }

  async list(now = new Date(), staleAfterMs = STALE_INSTANCE_MS): Promise<ProjectorInstanceRow[]> {
    const rows: Array<{
      instance_id: string;
      host: string;
      group_id: string;
      state: string;
      partitions: ReportedPartition[] | string;
      started_at: Date | string;
      last_seen: Date | string;
    }> = await this.db.dataSource.query(
      `select instance_id, host, group_id, state, partitions, started_at, last_seen
         from projector_instances order by group_id, instance_id limit $1`,
      [MAX_LISTED_INSTANCES],
    );
    return rows.map((r) => {
      const lastSeen = new Date(r.last_seen);
      return {
        instanceId: r.instance_id,
        host: r.host,
        group: r.group_id,
        state: r.state,
        partitions: typeof r.partitions === 'string' ? JSON.parse(r.partitions) : r.partitions,
        startedAt: new Date(r.started_at),
        lastSeen,
        stale: now.getTime() - lastSeen.getTime() > staleAfterMs,
      };
    });
  }
}

/** Readiness of a service that needs its database: a `select 1` answers. */
export function databaseCheck(db: DatabaseHandle): {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
} {
  return {
    name: 'database',
    async check() {
      try {
        await db.dataSource.query('select 1');
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: `the database does not answer: ${(error as Error).message}` };
      }
    },
  };
}
