import { hash } from 'node:crypto';

/**
 * Deterministic UUID-shaped id (version 5 layout) over sha-256 of the parts, so the same fact
 * written twice is the same event wherever it is handled (docs/architecture.md, "Exactly-once
 * effect"). One-shot `crypto.hash` (Node ≥ 20.12; package.json asks ≥ 20.19): no Hash object
 * per id, which ingest makes for every span.
 */
function deterministicEventId(...parts: string[]): string {
  const b = hash('sha256', parts.join('\u0000'), 'buffer');
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex', 0, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** ActivityRecorded: one span is one activity, whichever request or process carries it. */
export function activityEventId(tenant: string, traceId: string, spanId: string): string {
  return deterministicEventId(
    'greenops.activity',
    tenant,
    traceId.toLowerCase(),
    spanId.toLowerCase(),
  );
}

/** FactorSetPublished: a factor-set version is content-addressed, so one version is one event. */
export function factorSetEventId(tenant: string, factorSetVersion: string): string {
  return deterministicEventId('greenops.factor-set', tenant, factorSetVersion);
}

/** ProjectionRebuildFence: a fence written again into the same partition is the same fence. */
export function rebuildFenceEventId(
  tenant: string,
  buildVersion: number,
  partition: number,
): string {
  return deterministicEventId(
    'greenops.rebuild-fence',
    tenant,
    String(buildVersion),
    String(partition),
  );
}

/** Retention events (policies, legal holds): one id per action, chosen by the gateway. */
export function retentionEventId(tenant: string, actionId: string): string {
  return deterministicEventId('greenops.retention', tenant, actionId);
}

/** ProjectDeclared: the same declaration of a project at the same instant is one event. */
export function projectDeclaredEventId(
  tenant: string,
  projectId: string,
  declaredAt: string,
  contentHash: string,
): string {
  return deterministicEventId(
    'greenops.project-declared',
    tenant,
    projectId,
    declaredAt,
    contentHash,
  );
}

/** ArtifactStatusChanged: one status of one artifact at one instant is one event. */
export function artifactStatusEventId(
  tenant: string,
  projectId: string,
  artifactId: string,
  status: string,
  changedAt: string,
): string {
  return deterministicEventId(
    'greenops.artifact-status',
    tenant,
    projectId,
    artifactId,
    status,
    changedAt,
  );
}

/** MeteredPeriodRecorded: one reading of a period as recorded at one instant. */
export function meteredPeriodEventId(tenant: string, periodId: string, recordedAt: string): string {
  return deterministicEventId('greenops.metered-period', tenant, periodId, recordedAt);
}

/**
 * A fact allocated from a metered period: one per (period, output, component), whichever
 * reading of the period it comes from, so a corrected reading replaces the earlier allocation
 * (the most recently received version is counted).
 */
export function meteredPeriodFactId(
  tenant: string,
  periodId: string,
  outputId: string,
  component: string,
): string {
  return deterministicEventId(
    'greenops.metered-period.fact',
    tenant,
    periodId,
    outputId,
    component,
  );
}

/**
 * A deletion request: one per (artifact, storage system) and generation (the number of earlier
 * requests for that holding that FAILED), so whichever enforcement or policy selects a holding
 * already requested names the same request (docs/retention.md, "Enforcement").
 */
export function deletionRequestId(
  tenant: string,
  projectId: string,
  artifactId: string,
  storageSystem: string,
  generation: number,
): string {
  return deterministicEventId(
    'greenops.retention.deletion-request',
    tenant,
    projectId,
    artifactId,
    storageSystem,
    String(generation),
  );
}

/**
 * A move request: one per (artifact, storage system, target tier) and generation (the number of
 * earlier move requests for that holding that FAILED or were CONFIRMED), a namespace of its own
 * so it never names a deletion (docs/retention.md, "MOVE enforcement").
 */
export function moveRequestId(
  tenant: string,
  projectId: string,
  artifactId: string,
  storageSystem: string,
  toMedia: string,
  generation: number,
): string {
  return deterministicEventId(
    'greenops.retention.move-request',
    tenant,
    projectId,
    artifactId,
    storageSystem,
    toMedia,
    String(generation),
  );
}

/** RetentionDeletionsDecided: one per (tenant, idempotency key), whoever retries it. */
export function deletionDecisionEventId(tenant: string, idempotencyKey: string): string {
  return deterministicEventId('greenops.retention.decision', tenant, idempotencyKey);
}

/** RetentionDeletionRequested / RetentionMoveRequested: one per send of a request (the first, then each re-send). */
export function deletionCommandEventId(requestId: string, sendNumber: number): string {
  return deterministicEventId('greenops.retention.command', requestId, String(sendNumber));
}

/**
 * ActivitiesRecorded: the record of one request's activities of one project, named by what it
 * carries (its activities' ids, in order) and when it was received. Each activity keeps its own
 * id (`activityEventId`): that id, not the record's, is what deduplication and corrections use.
 */
export function activitiesRecordedEventId(
  tenant: string,
  projectId: string,
  recordedAt: string,
  activityIds: readonly string[],
): string {
  return deterministicEventId('greenops.activities', tenant, projectId, recordedAt, ...activityIds);
}
