import type { EmissionResult } from '@greenops/domain';

/** What the projector needs from storage (implemented by libs/persistence EmissionStore). */
export interface EmissionFactInput {
  tenant: string;
  projectId: string;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  artifactId?: string;
  activityKind: string;
  result: EmissionResult;
  projectionVersion?: number;
}

export interface ArtifactUpsert {
  tenant: string;
  projectId: string;
  artifactId: string;
  parentId?: string;
  kind?: string;
  status?: string;
  seenAt: string;
}

export interface ConsumerOffsetInput {
  group: string;
  topic: string;
  partition: number;
  nextOffset: string;
}

export interface ProjectionStore {
  /** One transaction: facts (deduplicated by event id), artifacts and the consumer position. */
  commitBatch(batch: {
    facts: EmissionFactInput[];
    artifacts: ArtifactUpsert[];
    offsets: ConsumerOffsetInput[];
  }): Promise<{ insertedFacts: number }>;
}
