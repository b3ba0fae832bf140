import { activityEventId, TOPICS } from '@greenops/contracts';
import type {
  ConsumedBatch,
  EventLogConsumer,
  EventLogInspector,
  EventLogPublisher,
} from '@greenops/messaging';
import type { EmissionBatch, PublishedFactorSet, TenantProjection } from '@greenops/persistence';
import { waitFor } from '@greenops/testing';
import type { ProjectionRegistryPort } from './projection-registry.port';
import type { ProjectionStore } from './projection-store.port';
import { startProjectorWorkers } from './projector-workers';

/** Test double of our own consumer port (not of Kafka): hands batches to the handler it was given. */
class HandConsumer implements EventLogConsumer {
  handler: ((batch: ConsumedBatch) => Promise<void>) | undefined;

  constructor(
    readonly groupId: string,
    readonly topic: string,
    private readonly stops: string[],
    private readonly failStart = false,
  ) {}

  async start(handler: (batch: ConsumedBatch) => Promise<void>): Promise<void> {
    if (this.failStart) throw new Error(`${this.groupId} cannot join its group`);
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.stops.push(this.groupId);
  }

  deliver(offset: string, value: unknown): Promise<void> {
    const record = { topic: this.topic, partition: 0, offset, key: null, value };
    return this.handler!({ topic: this.topic, partition: 0, records: [record] });
  }
}

/** Tenant `acme` is rebuilding into projection v2; everyone else is served v1 (the catalogue). */
class OneRebuildRegistry implements ProjectionRegistryPort {
  private readonly acme: TenantProjection = {
    tenant: 'acme',
    currentVersion: 1,
    currentFactorSetVersion: null,
    building: { version: 2, factorSetVersion: '2026.12.0+3f9a0c51d2e7', fences: { '0': '' } },
  };
  async states(): Promise<Map<string, TenantProjection>> {
    return new Map();
  }
  async state(): Promise<TenantProjection> {
    return this.acme;
  }
  async building(): Promise<TenantProjection[]> {
    return [this.acme];
  }
  async recordFactorSet(): Promise<boolean> {
    throw new Error('not published in this test');
  }
  async factorSet(tenant: string, version: string): Promise<PublishedFactorSet | null> {
    // A usable set (no overrides): a rebuild with an unusable one is not started.
    return {
      tenant,
      version,
      baseVersion: 'test',
      name: 'test',
      factors: [],
      eventId: 'test',
      publishedAt: '2026-11-01T00:00:00.000Z',
    };
  }
  async startBuilding(): Promise<TenantProjection> {
    throw new Error('not published in this test');
  }
  async expectFences(): Promise<void> {}
  async recordFence(): Promise<void> {}
  async switchTo(): Promise<boolean> {
    return false;
  }
}

const NOT_USED: EventLogPublisher & EventLogInspector = {
  publish: async () => {
    throw new Error('no fence is written in this test');
  },
  close: async () => undefined,
  partitions: async () => [0],
};

function setup(failStartOf?: string) {
  const consumers: HandConsumer[] = [];
  const stops: string[] = [];
  const batches: EmissionBatch[] = [];
  const warnings: string[] = [];
  const store: ProjectionStore = {
    commitBatch: async (batch) => {
      batches.push(batch);
      return { insertedFacts: batch.facts.length, replacedFacts: 0 };
    },
  };
  const start = () =>
    startProjectorWorkers({
      store,
      registry: new OneRebuildRegistry(),
      publisher: NOT_USED,
      inspector: NOT_USED,
      consumerFor: (groupId, topic) => {
        const consumer = new HandConsumer(groupId, topic, stops, groupId === failStartOf);
        consumers.push(consumer);
        return consumer;
      },
      groupId: 'greenops-projector',
      log: () => undefined,
      warn: (line) => warnings.push(line),
      progressIntervalMs: 0,
    });
  const consumer = (groupId: string) => consumers.find((c) => c.groupId === groupId)!;
  return { start, consumers, consumer, stops, batches, warnings };
}

const TRACE = '0af7651916cd43dd8448eb211c80319c';

describe('startProjectorWorkers', () => {
  it('wires the projector, the dead-letter recorder and the rebuilds to their topics, and stops them in that order', async () => {
    const { start, consumers, consumer, stops, batches, warnings } = setup();
    const workers = await start();
    // the rebuild runner starts the consumer of acme's build on its first poll
    await waitFor(async () => consumers.length === 3, { description: 'the rebuild consumer' });
    expect(consumers.map((c) => [c.groupId, c.topic])).toEqual([
      ['greenops-projector', TOPICS.activities],
      ['greenops-projector.dead-letters', TOPICS.activitiesDlq],
      ['greenops-rebuild.acme.v2', TOPICS.activities],
    ]);

    // 0.5 kWh measured × PUE 1 × 300 gCO2e/kWh = 150 g operational
    await consumer('greenops-projector').deliver('7', {
      id: activityEventId('studio-north', TRACE, '00f067aa0ba902b7'),
      type: 'ActivityRecorded',
      version: 1,
      tenant: 'studio-north',
      projectId: 'series-s01',
      occurredAt: '2026-11-02T09:00:00.000Z',
      recordedAt: '2026-11-02T10:00:00.000Z',
      payload: {
        kind: 'render',
        name: 'render',
        traceId: TRACE,
        spanId: '00f067aa0ba902b7',
        startTime: '2026-11-02T09:00:00.000Z',
        endTime: '2026-11-02T10:00:00.000Z',
        durationS: 3600,
        measurements: { energyKwh: 0.5, pue: 1, intensityGPerKwh: 300 },
      },
    });
    await consumer('greenops-projector').deliver('8', { type: 'RejectedSpan', version: 1 });
    await consumer('greenops-projector.dead-letters').deliver('3', {
      type: 'RejectedSpan',
      version: 1,
      tenant: 'studio-north',
      traceId: TRACE,
      spanId: 'zz',
      name: 'upload',
      field: 'spanId',
      reason: 'must be 16 hex characters, not all zero, got "zz"',
      rejectedAt: '2026-11-02T10:00:00.000Z',
    });
    await consumer('greenops-projector.dead-letters').deliver('4', { tenant: 'studio-north' });

    expect(batches.map((b) => [b.facts.length, b.rejections?.length ?? 0, b.offsets])).toEqual([
      [
        1,
        0,
        [{ group: 'greenops-projector', topic: TOPICS.activities, partition: 0, nextOffset: '8' }],
      ],
      [
        0,
        0,
        [{ group: 'greenops-projector', topic: TOPICS.activities, partition: 0, nextOffset: '9' }],
      ],
      [
        0,
        1,
        [
          {
            group: 'greenops-projector.dead-letters',
            topic: TOPICS.activitiesDlq,
            partition: 0,
            nextOffset: '4',
          },
        ],
      ],
      [
        0,
        0,
        [
          {
            group: 'greenops-projector.dead-letters',
            topic: TOPICS.activitiesDlq,
            partition: 0,
            nextOffset: '5',
          },
        ],
      ],
    ]);
    expect(batches[0].facts[0].result.operationalG.nominal).toBeCloseTo(150, 9);
    expect(warnings).toEqual([
      'projector: did not count greenops.activities.v1[0]@8 - (parse): type: "RejectedSpan" is not an event type of greenops.activities.v1 (registered: ActivityRecorded, ActivitiesRecorded, ArtifactStatusChanged, FactorSetPublished, ProjectionRebuildFence, ProjectDeclared, MeteredPeriodRecorded, RetentionPolicyDefined, RetentionPolicyRetired, LegalHoldSet, LegalHoldReleased, RetentionDeletionsDecided)',
      'projector: malformed DLQ record at offset 4: traceId: Required',
    ]);

    await workers.stop();
    expect(stops).toEqual([
      'greenops-rebuild.acme.v2',
      'greenops-projector',
      'greenops-projector.dead-letters',
    ]);
  });

  it('stops what it started when a consumer fails to start, and reports that failure', async () => {
    const { start, consumers, stops } = setup('greenops-projector.dead-letters');
    await expect(start()).rejects.toThrow('greenops-projector.dead-letters cannot join its group');
    // the one that failed is stopped too: a half-started consumer may hold connections
    expect(stops).toEqual(['greenops-projector', 'greenops-projector.dead-letters']);
    // no rebuild was started
    expect(consumers.map((c) => c.groupId)).toEqual([
      'greenops-projector',
      'greenops-projector.dead-letters',
    ]);
  });
});
