import { SpanStatusCode } from '@opentelemetry/api';
import { TOPICS } from '@greenops/contracts';
import { selfMetrics, selfTracer } from '@greenops/observability';
import type {
  ConsumedBatch,
  EventLogConsumer,
  EventLogInspector,
  EventLogPublisher,
} from '@greenops/messaging';
import { DeadLetterRecorder } from './dead-letter.recorder';
import { EmissionsProjector } from './emissions.projector';
import { FactorSetCatalog } from '@greenops/factors';
import { notCountedLine } from './isolated-commit';
import { ProjectionRebuildRunner } from './projection-rebuild.runner';
import type { ProjectionRegistryPort } from './projection-registry.port';
import type { ProjectionStore } from './projection-store.port';
import { RetentionProjector, type RetentionProjectionStore } from './retention.projector';
import {
  DeletionRequestDispatcher,
  type DeletionRequestDispatcherOptions,
} from './deletion-request.dispatcher';
import type { InsightsRecorder } from './insights-recorder.port';

export interface ProjectorWorkersOptions {
  store: ProjectionStore;
  /** Declarations, activity measures and artifact status history (docs/insights.md). */
  insights?: InsightsRecorder;
  registry: ProjectionRegistryPort;
  /** Writes rebuild fences into the activities topic. */
  publisher: EventLogPublisher;
  inspector: EventLogInspector;
  /**
   * A consumer of `topic` as a member of `groupId`, resuming from the positions `store` keeps
   * (Kafka in distributed mode, the event-log table in embedded mode).
   */
  consumerFor: (groupId: string, topic: string) => EventLogConsumer;
  /** Consumer group of the live projector; the dead-letter recorder uses `<groupId>.dead-letters`. */
  groupId: string;
  log: (line: string) => void;
  /** Records passed over (skipped events, malformed dead-letter records); `log` by default. */
  warn?: (line: string) => void;
  /** How often the projector's counts are logged; 0: never. */
  progressIntervalMs?: number;
  /** The retention projection's store; with it, the retention projector runs as `<groupId>.retention`. */
  retentionStore?: RetentionProjectionStore;
  /**
   * Retention enforcement (docs/retention.md): with the retention store, holders' answers are
   * read as `<groupId>.retention-answers` and due deletion requests are sent by a sweep.
   */
  enforcement?: Omit<DeletionRequestDispatcherOptions, 'publisher' | 'warn'>;
}

export interface ProjectorWorkers {
  projector: EmissionsProjector;
  /** Stops the rebuilds, then the projector's consumer, then the dead-letter recorder's. */
  stop(): Promise<void>;
}

/**
 * The projector's workers, the same in both runtime modes (docs/architecture.md, "Two runtime
 * modes, one codebase"): the live projector on the activities topic, the dead-letter recorder
 * on the DLQ topic, and the projection rebuilds, each with its own consumer. The caller owns the
 * store, the publisher and the log adapters, and closes them after `stop`.
 */
export async function startProjectorWorkers(
  options: ProjectorWorkersOptions,
): Promise<ProjectorWorkers> {
  const { store, registry, publisher, inspector, consumerFor, groupId, log } = options;
  const warn = options.warn ?? log;
  const catalog = new FactorSetCatalog(registry);
  const projector = new EmissionsProjector({
    store,
    insights: options.insights,
    groupId,
    projections: { registry, catalog, publisher, inspector },
    observer: {
      onSkipped: (s) => {
        selfMetrics().projectionErrors.add(1, { kind: 'skipped', stage: s.stage });
        warn(notCountedLine(s));
      },
      onRebuildStarted: (b) =>
        log(
          `projector: factor set ${b.factorSetVersion} of ${b.tenant} published; building projection v${b.version}`,
        ),
    },
  });
  const deadLetterGroup = `${groupId}.dead-letters`;
  const deadLetters = new DeadLetterRecorder(store, deadLetterGroup, (offset, reason) =>
    warn(`projector: malformed DLQ record at offset ${offset}: ${reason}`),
  );
  const rebuilds = new ProjectionRebuildRunner({
    registry,
    store,
    catalog,
    topic: TOPICS.activities,
    consumerFor: (group) => consumerFor(group, TOPICS.activities),
    log,
    warn,
  });

  let activities: EventLogConsumer | undefined;
  let deadLetterRecords: EventLogConsumer | undefined;
  let retentionRecords: EventLogConsumer | undefined;
  let answerRecords: EventLogConsumer | undefined;
  let dispatcher: DeletionRequestDispatcher | undefined;
  let rebuildsStarted = false;
  // Rebuilds first (they start consumers of their own while they run), then the projector, then
  // the dead-letter recorder. Each is stopped even if one before it fails to stop.
  const stopAll = async () => {
    const stops = [
      async () => (rebuildsStarted ? rebuilds.stop() : undefined),
      async () => activities?.stop(),
      async () => deadLetterRecords?.stop(),
      async () => retentionRecords?.stop(),
      async () => answerRecords?.stop(),
      async () => dispatcher?.stop(),
    ];
    let failure: unknown;
    for (const stop of stops) {
      try {
        await stop();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  };
  try {
    activities = consumerFor(groupId, TOPICS.activities);
    await activities.start((batch) => projectTraced(batch, projector));
    deadLetterRecords = consumerFor(deadLetterGroup, TOPICS.activitiesDlq);
    await deadLetterRecords.start(deadLetters.handle);
    if (options.retentionStore) {
      const retentionGroup = `${groupId}.retention`;
      const retention = new RetentionProjector({
        store: options.retentionStore,
        groupId: retentionGroup,
        factorSetFor: async (tenant) =>
          catalog.get(tenant, (await registry.state(tenant)).currentFactorSetVersion),
        onSkipped: (s) =>
          warn(
            `retention: skipped ${s.topic}[${s.partition}]@${s.offset} ${s.eventId ?? ''}: ${s.field}: ${s.reason}`,
          ),
      });
      retentionRecords = consumerFor(retentionGroup, TOPICS.activities);
      await retentionRecords.start(retention.handle);
      if (options.enforcement) {
        const answersGroup = `${groupId}.retention-answers`;
        const answers = new RetentionProjector({
          store: options.retentionStore,
          groupId: answersGroup,
          onSkipped: (s) =>
            warn(
              `retention: skipped answer ${s.topic}[${s.partition}]@${s.offset} ${s.eventId ?? ''}: ${s.field}: ${s.reason}`,
            ),
        });
        answerRecords = consumerFor(answersGroup, TOPICS.retentionConfirmations);
        await answerRecords.start(answers.handle);
        dispatcher = new DeletionRequestDispatcher({ ...options.enforcement, publisher, warn });
        dispatcher.start();
      }
    }
    rebuilds.start();
    rebuildsStarted = true;
  } catch (error) {
    // What had started is stopped; the failure to start is what the caller hears of.
    await stopAll().catch(() => undefined);
    throw error;
  }

  const interval = options.progressIntervalMs ?? 30000;
  const progress =
    interval > 0
      ? setInterval(() => {
          const s = projector.stats;
          log(`projector: ${s.records} records, ${s.insertedFacts} facts, ${s.skipped} skipped`);
        }, interval)
      : undefined;
  progress?.unref();
  return {
    projector,
    stop: async () => {
      clearInterval(progress);
      await stopAll();
    },
  };
}

/**
 * One batch of the live projector, as a span of the platform's own traces (docs/operations.md,
 * "Self-telemetry"); a failed batch counts as a projection error and is retried by the consumer.
 */
async function projectTraced(batch: ConsumedBatch, projector: EmissionsProjector): Promise<void> {
  await selfTracer().startActiveSpan(
    'greenops.projector.batch',
    {
      attributes: {
        'messaging.destination.partition.id': String(batch.partition),
        'messaging.batch.message_count': batch.records.length,
      },
    },
    async (span) => {
      try {
        await projector.handle(batch);
      } catch (error) {
        selfMetrics().projectionErrors.add(1, { kind: 'batch_failed' });
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
