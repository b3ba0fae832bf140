import type { ActivityRecorded, ArtifactStatusChanged, ProjectDeclared } from '@greenops/contracts';
import type { ActivityMeasures } from '@greenops/methodology';
import type { InsightsBatch } from './insights-recorder.port';

/**
 * The insights rows of one batch: each projected activity's measures and inputs (what-if
 * recomputation) and the status its span states, as history; each declaration; each status set
 * through the API.
 */
export function insightsBatch(
  activities: readonly ActivityRecorded[],
  declarations: readonly ProjectDeclared[],
  statusChanges: readonly ArtifactStatusChanged[],
  measure: (event: ActivityRecorded) => ActivityMeasures,
): InsightsBatch {
  return {
    declarations: declarations.map((event) => ({
      tenant: event.tenant,
      projectId: event.projectId,
      eventId: event.id,
      declaredAt: event.occurredAt,
      declaration: event.payload,
    })),
    measures: activities.map((event) => ({
      tenant: event.tenant,
      projectId: event.projectId,
      eventId: event.id,
      occurredAt: event.occurredAt,
      activityKind: event.payload.kind,
      artifactId: event.payload.artifact?.id,
      durationS: event.payload.durationS,
      ...measure(event),
    })),
    activityInputs: activities.map((event) => ({
      tenant: event.tenant,
      projectId: event.projectId,
      eventId: event.id,
      occurredAt: event.occurredAt,
      inputs: {
        kind: event.payload.kind,
        startTime: event.payload.startTime,
        durationS: event.payload.durationS,
        measurements: event.payload.measurements,
      },
    })),
    statusChanges: [
      ...activities.flatMap((event) => {
        const artifact = event.payload.artifact;
        if (!artifact?.status) return [];
        return [
          {
            tenant: event.tenant,
            projectId: event.projectId,
            artifactId: artifact.id,
            status: artifact.status,
            changedAt: event.occurredAt,
            source: 'span' as const,
            eventId: event.id,
          },
        ];
      }),
      ...statusChanges.map((event) => ({
        tenant: event.tenant,
        projectId: event.projectId,
        artifactId: event.payload.artifactId,
        status: event.payload.status,
        changedAt: event.occurredAt,
        source: 'mutation' as const,
        eventId: event.id,
      })),
    ],
  };
}
