import type { EmissionStore } from '@greenops/persistence';

export type { ArtifactUpsert, ConsumerOffsetInput, EmissionFactInput } from '@greenops/persistence';

/**
 * What the projector needs from storage: one transaction holding facts (deduplicated by event
 * id and projection version), artifacts and the consumer position (libs/persistence).
 */
export type ProjectionStore = Pick<EmissionStore, 'commitBatch'>;
