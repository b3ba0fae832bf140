import {
  activityEventId,
  encodeLogRecord,
  factorSetEventId,
  TENANT_SCOPE_PROJECT,
  TOPICS,
  type ActivityRecorded,
  type FactorSetPublished,
  type LogRecord,
} from '@greenops/contracts';
import type { FactorOverride } from '@greenops/domain';
import { DEFAULT_FACTOR_SET } from '@greenops/factors';
import {
  EmbeddedEventLogConsumer,
  EmbeddedEventLogInspector,
  EmbeddedEventLogPublisher,
} from '@greenops/messaging';
import {
  EmissionQueries,
  EmissionStore,
  EventLogTable,
  openPostgres,
  ProjectionRegistry,
  type DatabaseHandle,
} from '@greenops/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@greenops/testing';
import { EmissionsProjector } from '../emissions.projector';
import { FactorSetCatalog } from '@greenops/factors';
import { ProjectionRebuildRunner } from '../projection-rebuild.runner';

const TOPIC = TOPICS.activities;
export const PROJECTOR_GROUP = 'greenops-projector';

/**
 * The projector as embedded mode wires it (apps/platform), on a real PostgreSQL database with
 * the durable event-log table as the log: real consumers, real store, real registry.
 */
export class EmbeddedLogHarness {
  readonly store: EmissionStore;
  readonly registry: ProjectionRegistry;
  readonly queries: EmissionQueries;
  readonly skipped: string[] = [];
  private readonly table: EventLogTable;
  private readonly publisher: EmbeddedEventLogPublisher;
  private readonly catalog: FactorSetCatalog;
  private readonly consumers: EmbeddedEventLogConsumer[] = [];
  private runner: ProjectionRebuildRunner | undefined;

  private constructor(
    private readonly database: TestDatabase,
    readonly db: DatabaseHandle,
  ) {
    this.table = new EventLogTable(db);
    this.publisher = new EmbeddedEventLogPublisher(this.table);
    this.store = new EmissionStore(db);
    this.registry = new ProjectionRegistry(db);
    this.catalog = new FactorSetCatalog(this.registry);
    this.queries = new EmissionQueries(db);
  }

  static async open(prefix: string): Promise<EmbeddedLogHarness> {
    const database = await createTestDatabase(prefix);
    try {
      return new EmbeddedLogHarness(database, await openPostgres(database.url, { poolSize: 4 }));
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  private consumer(groupId: string): EmbeddedEventLogConsumer {
    const consumer = new EmbeddedEventLogConsumer({
      table: this.table,
      groupId,
      topic: TOPIC,
      positions: this.store,
      pollIntervalMs: 50,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** Starts the live projector (main consumer group) with tenant projections enabled. */
  async startProjector(): Promise<void> {
    const projector = new EmissionsProjector({
      store: this.store,
      groupId: PROJECTOR_GROUP,
      projections: {
        registry: this.registry,
        catalog: this.catalog,
        publisher: this.publisher,
        inspector: new EmbeddedEventLogInspector(),
      },
      observer: { onSkipped: (s) => this.skipped.push(`${s.log.offset} ${s.field}: ${s.reason}`) },
    });
    await this.consumer(PROJECTOR_GROUP).start(projector.handle);
  }

  /** Starts the rebuild runner, which replays the log for every projection being built. */
  startRebuilds(): void {
    this.runner = new ProjectionRebuildRunner({
      registry: this.registry,
      store: this.store,
      catalog: this.catalog,
      topic: TOPIC,
      consumerFor: (groupId) => this.consumer(groupId),
      pollIntervalMs: 50,
      log: () => undefined,
    });
    this.runner.start();
  }

  /** Appends events to the log; returns the sequence number of the last one. */
  async append(events: Array<ActivityRecorded | FactorSetPublished>): Promise<bigint> {
    await this.publisher.publish(
      events.map((event): LogRecord => {
        const encoded = encodeLogRecord(event);
        if (!encoded.ok) throw new Error(`test event ${encoded.field}: ${encoded.reason}`);
        return encoded.record;
      }),
    );
    const rows = await this.table.readAfter(TOPIC, null, 10_000);
    return BigInt(rows[rows.length - 1].seq);
  }

  /**
   * Waits until the main projector has committed everything up to `seq`: its stored position
   * (written in the same transaction as its facts) is past it.
   */
  async projectedThrough(seq: bigint): Promise<void> {
    await waitFor(
      async () =>
        BigInt((await this.store.nextOffsets(PROJECTOR_GROUP, TOPIC)).get(0) ?? '0') > seq,
      { timeoutMs: 60000, description: `projector past log position ${seq}` },
    );
  }

  /** Sum of co2e and number of facts of one tenant's project in one projection version. */
  async facts(
    tenant: string,
    projectId: string,
    version: number,
  ): Promise<{ count: number; co2eG: number; energyKwh: number }> {
    const rows: Array<{ count: number; co2eG: number; energyKwh: number }> =
      await this.db.dataSource.query(
        `select count(*)::int as count, coalesce(sum(co2e_g), 0)::float8 as "co2eG",
                coalesce(sum(energy_kwh), 0)::float8 as "energyKwh"
           from emission_facts
          where tenant_id = $1 and project_id = $2 and projection_version = $3`,
        [tenant, projectId, version],
      );
    return rows[0];
  }

  async close(): Promise<void> {
    await this.runner?.stop();
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.db.close();
    await this.database.drop();
  }
}

/**
 * On-set grid tie-in, measured energy in GB: no embodied share and no training, so its CO2e is
 * exactly energy × the GB grid factor in force (docs/methodology.md §6, onset.energy).
 */
export function gridTieIn(
  tenant: string,
  projectId: string,
  spanId: string,
  energyKwh: number,
  startTime: string,
): ActivityRecorded {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const endTime = new Date(Date.parse(startTime) + 3600_000).toISOString();
  return {
    id: activityEventId(tenant, traceId, spanId),
    type: 'ActivityRecorded',
    version: 1,
    tenant,
    projectId,
    occurredAt: startTime,
    recordedAt: endTime,
    payload: {
      kind: 'onset.energy',
      name: `grid tie-in ${spanId}`,
      traceId,
      spanId,
      startTime,
      endTime,
      durationS: 3600,
      measurements: { energyKwh, country: 'GB', onset: { source: 'grid' } },
    },
  };
}

/** A tenant's factor set overriding the GB grid factor, as the gateway's publishFactorSet writes it. */
export function gbGridFactorSet(
  tenant: string,
  version: string,
  gPerKwh: number,
  at: string,
): FactorSetPublished {
  const factors: FactorOverride[] = [
    {
      id: 'grid.location.GB',
      value: gPerKwh,
      unit: 'gCO2e/kWh',
      source: 'Studio supply contract 2026, metered',
      year: 2026,
    },
  ];
  return {
    id: factorSetEventId(tenant, version),
    type: 'FactorSetPublished',
    version: 1,
    tenant,
    projectId: TENANT_SCOPE_PROJECT,
    occurredAt: at,
    recordedAt: at,
    payload: { version, baseVersion: DEFAULT_FACTOR_SET.version, name: 'studio contract', factors },
  };
}
