import { BaseTables1767225600000 } from './1767225600000-base-tables';
import { TimescaleOrRollup1767225600001 } from './1767225600001-timescale-or-rollup';
import { FactorSetsAndProjections1767225600002 } from './1767225600002-factor-sets-and-projections';
import { DeadLetterLogPosition1767225600003 } from './1767225600003-dead-letter-log-position';
import { ProjectionFailures1767225600100 } from './1767225600100-projection-failures';
import { CountedFacts1767225600101 } from './1767225600101-counted-facts';
import { ArtifactFieldRecency1767225600102 } from './1767225600102-artifact-field-recency';
import { ReadAggregates1767225600300 } from './1767225600300-read-aggregates';
import { ProjectorInstances1767225600500 } from './1767225600500-projector-instances';
import { InsightsTables1767225600700 } from './1767225600700-insights-tables';
import { Retention1767225600800 } from './1767225600800-retention';
import { FactNotes1767225600900 } from './1767225600900-fact-notes';
import { RetentionEnforcement1767225601000 } from './1767225601000-retention-enforcement';
import { TelemetryRetention1767225601100 } from './1767225601100-telemetry-retention';
import { ActivityInputs1767225601200 } from './1767225601200-activity-inputs';
import { BenchmarkSharing1767225601600 } from './1767225601600-benchmark-sharing';
import { RetentionMoves1767225601700 } from './1767225601700-retention-moves';
import { ProjectKpiAggregates1767225601750 } from './1767225601750-project-kpi-aggregates';
import { ProjectionFailuresPerEvent1767225601800 } from './1767225601800-projection-failures-per-event';
import { ArtifactKpiDaily1767225601900 } from './1767225601900-artifact-kpi-daily';
import { InlinableClamp1767225601950 } from './1767225601950-inlinable-clamp';
import { AggregateFillfactor1767225601951 } from './1767225601951-aggregate-fillfactor';

/** In order; listed explicitly so they load the same way under jest, ts-node and built JS. */
export const MIGRATIONS = [
  BaseTables1767225600000,
  TimescaleOrRollup1767225600001,
  FactorSetsAndProjections1767225600002,
  DeadLetterLogPosition1767225600003,
  ProjectionFailures1767225600100,
  CountedFacts1767225600101,
  ArtifactFieldRecency1767225600102,
  ReadAggregates1767225600300,
  ProjectorInstances1767225600500,
  InsightsTables1767225600700,
  Retention1767225600800,
  FactNotes1767225600900,
  RetentionEnforcement1767225601000,
  TelemetryRetention1767225601100,
  ActivityInputs1767225601200,
  BenchmarkSharing1767225601600,
  RetentionMoves1767225601700,
  ProjectKpiAggregates1767225601750,
  ProjectionFailuresPerEvent1767225601800,
  ArtifactKpiDaily1767225601900,
  InlinableClamp1767225601950,
  AggregateFillfactor1767225601951,
];
