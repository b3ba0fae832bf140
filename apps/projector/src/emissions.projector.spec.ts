import { activitiesRecorded, activityEventId, type ActivityRecorded } from '@greenops/contracts';
import type { ConsumedBatch } from '@greenops/messaging';
import type { EventLogInspector, EventLogPublisher } from '@greenops/messaging';
import type { TenantProjection } from '@greenops/persistence';
import { EmissionsProjector, type SkippedRecord } from './emissions.projector';
import { FactorSetCatalog } from '@greenops/factors';
import type { ProjectionRegistryPort } from './projection-registry.port';
import type {
  ArtifactUpsert,
  ConsumerOffsetInput,
  EmissionFactInput,
  ProjectionStore,
} from './projection-store.port';

class RecordingStore implements ProjectionStore {
  facts: EmissionFactInput[] = [];
  artifacts: ArtifactUpsert[] = [];
  offsets: ConsumerOffsetInput[] = [];
  async commitBatch(batch: {
    facts: EmissionFactInput[];
    artifacts: ArtifactUpsert[];
    offsets: ConsumerOffsetInput[];
  }) {
    this.facts.push(...batch.facts);
    this.artifacts.push(...batch.artifacts);
    this.offsets.push(...batch.offsets);
    return { insertedFacts: batch.facts.length, replacedFacts: 0 };
  }
}

function event(
  spanId: string,
  measurements: Record<string, unknown>,
  artifact?: ActivityRecorded['payload']['artifact'],
  tenant = 'acme',
): ActivityRecorded {
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  return {
    id: activityEventId(tenant, traceId, spanId),
    type: 'ActivityRecorded',
    version: 1,
    tenant,
    projectId: 'series-s01',
    occurredAt: '2026-11-02T09:00:00.000Z',
    recordedAt: '2026-11-02T10:00:00.000Z',
    payload: {
      kind: 'render',
      name: 'render',
      traceId,
      spanId,
      startTime: '2026-11-02T09:00:00.000Z',
      endTime: '2026-11-02T10:00:00.000Z',
      durationS: 3600,
      artifact,
      measurements,
    },
  };
}

function batch(values: unknown[], firstOffset = 10): ConsumedBatch {
  return {
    topic: 'greenops.activities.v1',
    partition: 2,
    records: values.map((value, i) => ({
      topic: 'greenops.activities.v1',
      partition: 2,
      offset: String(firstOffset + i),
      key: 'acme/series-s01',
      value,
    })),
  };
}

describe('EmissionsProjector', () => {
  it('projects valid events, reports bad ones by field, and commits the next offset with the facts', async () => {
    const store = new RecordingStore();
    const skipped: SkippedRecord[] = [];
    const projector = new EmissionsProjector({
      store,
      groupId: 'projector',
      observer: { onSkipped: (s) => skipped.push(s) },
    });

    await projector.handle(
      batch([
        // 0.5 kWh measured × PUE 1 × 300 g/kWh = 150 g operational, plus the host's embodied
        // share: no hardware given, so the report's workstation (447 kgCO2e over 5 years at 50%
        // active use = 21,900 h, Carbon Trust Appendix 3) for the span's 1 h = 20.41 g
        event(
          '00f067aa0ba902b7',
          { energyKwh: 0.5, pue: 1, intensityGPerKwh: 300 },
          { id: 'sh010-v1', parentId: 'sh010', status: 'draft' },
        ),
        { unparseable: true, reason: 'record value is not JSON: Unexpected token' },
        { ...event('00f067aa0ba902b8', {}), version: 2 },
        // render without energy or power: the methodology names the attribute it needs
        event('00f067aa0ba902b9', { pue: 1 }),
        { type: 'FactorSetPublished', version: 1 }, // a tenant event without its envelope
        { type: 'RetentionDeletionConfirmed', version: 1 }, // no event type of this topic
      ]),
    );

    expect(store.facts).toHaveLength(1);
    expect(store.facts[0].result.operationalG.nominal).toBeCloseTo(150, 9);
    expect(store.facts[0].result.embodiedG.nominal).toBeCloseTo(447_000 / 21_900, 9);
    expect(store.facts[0].result.co2eG.nominal).toBeCloseTo(150 + 447_000 / 21_900, 9);
    expect(store.facts[0].artifactId).toBe('sh010-v1');
    expect(store.offsets).toEqual([
      { group: 'projector', topic: 'greenops.activities.v1', partition: 2, nextOffset: '16' },
    ]);
    // the artifact and the parent it names both exist
    expect(store.artifacts.map((a) => [a.artifactId, a.parentId, a.status])).toEqual([
      ['sh010-v1', 'sh010', 'draft'],
      ['sh010', undefined, undefined],
    ]);
    const byOffset = [...skipped].sort((a, b) => Number(a.log.offset) - Number(b.log.offset));
    expect(byOffset.map((s) => [s.log.offset, s.field])).toEqual([
      ['11', '(record)'],
      ['12', 'version'],
      ['13', 'greenops.hw.power_w'],
      ['14', 'id'],
      ['15', 'type'],
    ]);
    expect(projector.stats).toMatchObject({ batches: 1, records: 6, insertedFacts: 1, skipped: 5 });
  });

  it("isolates a tenant whose recorded factor set is unusable: its events are recorded, other tenants' counted", async () => {
    const store = new RecordingStore();
    const skipped: SkippedRecord[] = [];
    // Tenant acme is served factor set 'bad' (accepted by an older version): GB at 1e308 g/kWh.
    const state = (tenant: string): TenantProjection => ({
      tenant,
      currentVersion: 2,
      currentFactorSetVersion: tenant === 'acme' ? 'bad' : null,
      building: null,
    });
    const registry = {
      states: async (tenants: string[]) => new Map(tenants.map((t) => [t, state(t)])),
      factorSet: async (tenant: string, version: string) => ({
        tenant,
        version,
        baseVersion: '1',
        name: 'bad',
        factors: [
          { id: 'grid.location.GB', value: 1e308, unit: 'gCO2e/kWh', source: 'old', year: 2026 },
        ],
        eventId: 'e',
        publishedAt: '2026-11-01T00:00:00.000Z',
      }),
    } as unknown as ProjectionRegistryPort;
    const projector = new EmissionsProjector({
      store,
      groupId: 'projector',
      projections: {
        registry,
        catalog: new FactorSetCatalog(registry),
        publisher: {} as EventLogPublisher,
        inspector: {} as EventLogInspector,
      },
      observer: { onSkipped: (s) => skipped.push(s) },
    });
    const gb = { energyKwh: 10, pue: 1, location: { country: 'GB' } };
    await projector.handle(
      batch([event('00f067aa0ba902b1', gb), event('00f067aa0ba902b2', gb, undefined, 'beta')]),
    );
    expect(store.facts.map((f) => [f.tenant, f.projectionVersion])).toEqual([['beta', 2]]);
    expect(store.offsets).toEqual([
      { group: 'projector', topic: 'greenops.activities.v1', partition: 2, nextOffset: '12' },
    ]);
    expect(skipped).toEqual([
      {
        tenant: 'acme',
        eventId: activityEventId('acme', '0af7651916cd43dd8448eb211c80319c', '00f067aa0ba902b1'),
        group: 'projector',
        log: { topic: 'greenops.activities.v1', partition: 2, offset: '10' },
        projectionVersion: 2,
        stage: 'factor-set',
        field: 'factorSet',
        reason: expect.stringContaining(
          'factor set bad cannot be used: factors[0].value: grid.location.GB value 1e+308 gCO2e/kWh is outside the plausible range [0, 2000]',
        ),
      },
    ]);
  });
  it('projects an ActivitiesRecorded record exactly as the ActivityRecorded records of its activities', async () => {
    const project = async (log: unknown[]) => {
      const store = new RecordingStore();
      const skipped: SkippedRecord[] = [];
      const projector = new EmissionsProjector({
        store,
        groupId: 'projector',
        observer: { onSkipped: (s) => skipped.push(s) },
      });
      await projector.handle(batch(log));
      return { store, skipped };
    };
    // 0.5 kWh × PUE 1 × 300 g/kWh = 150 g and 0.25 kWh × PUE 1.5 × 400 g/kWh = 150 g operational
    const first = event(
      '00f067aa0ba902c1',
      { energyKwh: 0.5, pue: 1, intensityGPerKwh: 300 },
      { id: 'sh020-v1', parentId: 'sh020' },
    );
    const second = event('00f067aa0ba902c2', { energyKwh: 0.25, pue: 1.5, intensityGPerKwh: 400 });
    // neither energy nor power: not countable, in either form
    const unmeasured = event('00f067aa0ba902c3', { pue: 1 });
    const asRecorded = (e: ActivityRecorded) => ({
      id: e.id,
      occurredAt: e.occurredAt,
      payload: e.payload,
    });

    const single = await project([first, second, unmeasured]);
    // an existing log of single records, then batched records after an upgrade of ingest
    const mixed = await project([
      first,
      activitiesRecorded('acme', 'series-s01', second.recordedAt, [
        asRecorded(second),
        asRecorded(unmeasured),
      ]),
    ]);

    expect(single.store.facts).toHaveLength(2);
    expect(single.store.facts.map((f) => f.result.operationalG.nominal)).toEqual([
      expect.closeTo(150, 9),
      expect.closeTo(150, 9),
    ]);
    expect(mixed.store.facts).toEqual(single.store.facts);
    expect(mixed.store.artifacts).toEqual(single.store.artifacts);
    const failed = (s: SkippedRecord[]) => s.map((f) => [f.eventId, f.stage, f.field]);
    expect(failed(mixed.skipped)).toEqual(failed(single.skipped));
    expect(failed(mixed.skipped)).toEqual([[unmeasured.id, 'compute', 'greenops.hw.power_w']]);
    // the batched record is one position: the failure is at its offset, the next is after it
    expect(mixed.skipped[0].log.offset).toBe('11');
    expect(mixed.store.offsets.map((o) => o.nextOffset)).toEqual(['12']);
  });
});
