import type { EventLogPublisher } from '@greenops/messaging';
import { holdingKey } from '@greenops/persistence';
import type { RetentionEnforcementPort, RetentionReader } from '../gateway-queries.port';
import { RetentionEnforcementResolver } from './retention-enforcement.resolver';

/**
 * A retried decision that races the projection of its first attempt. The first look-up of the
 * idempotency key finds nothing; by the time the known requests are read, the first attempt's
 * requests are recorded, so every holding reads as already requested and the selection is
 * empty. The resolver must answer the recorded decision (its request ids), not publish a
 * decision with no requests.
 */
describe('RetentionEnforcementResolver: a retry racing its own projection', () => {
  const tenant = 'studio-a';
  const key = 'k1';
  const recorded = {
    eventId: '4f9a1c0e-6a51-5c3b-9a43-0d6f7f0b2a11',
    requestIds: ['22942472-e87d-5b26-9c88-1aa080f01862', '395fbe76-d2dd-5f45-a5c9-96eb92fc7f7a'],
  };

  function resolverWith(decisionLookups: Array<typeof recorded | null>) {
    const published: unknown[] = [];
    let lookups = 0;
    const retention = {
      previewData: async () => ({
        artifacts: [],
        holdings: [
          {
            projectId: 'series-s01',
            artifactId: 'sh020-v1',
            storageSystem: 'isilon-ldn-1',
          },
        ],
        legalHolds: [],
      }),
    } as unknown as RetentionReader;
    const enforcement = {
      answerWindowMs: 0,
      requests: {
        decision: async () => decisionLookups[Math.min(lookups++, decisionLookups.length - 1)],
        // The first attempt's request for the only holding is recorded by now.
        knownRequests: async () => ({
          live: new Set([holdingKey('series-s01', 'sh020-v1', 'isilon-ldn-1')]),
          failed: new Map(),
          settledMoves: new Map(),
        }),
      },
    } as unknown as RetentionEnforcementPort;
    const publisher = {
      publish: async (records: unknown[]) => void published.push(...records),
    } as unknown as EventLogPublisher;
    return {
      resolver: new RetentionEnforcementResolver(retention, enforcement, publisher),
      published,
      lookups: () => lookups,
    };
  }

  const input = {
    projectId: 'series-s01',
    artifactIds: ['sh020-v1'],
    idempotencyKey: key,
    reason: 'end of grading',
    policyRef: 'mam-rule-7',
  };

  it('answers the decision recorded between the first look-up and the selection', async () => {
    const { resolver, published, lookups } = resolverWith([null, recorded]);
    const answer = await resolver.requestDeletion(tenant, 'key-id', input as never);
    expect(answer.replayed).toBe(true);
    expect(answer.eventId).toBe(recorded.eventId);
    expect(answer.requestIds).toEqual(recorded.requestIds);
    expect(published).toEqual([]);
    expect(lookups()).toBe(2);
  });

  it('decides (and publishes) when no decision is recorded at either look-up', async () => {
    const { resolver, published } = resolverWith([null, null]);
    const answer = await resolver.requestDeletion(tenant, 'key-id', input as never);
    expect(answer.replayed).toBe(false);
    // The only holding was requested already (by another decision): nothing new to request.
    expect(answer.requestIds).toEqual([]);
    expect(answer.alreadyRequested).toBe(1);
    expect(published).toHaveLength(1);
  });
});
