import { BaseTables1767225600000 } from './1767225600000-base-tables';
import { TimescaleOrRollup1767225600001 } from './1767225600001-timescale-or-rollup';
import { FactorSetsAndProjections1767225600002 } from './1767225600002-factor-sets-and-projections';
import { DeadLetterLogPosition1767225600003 } from './1767225600003-dead-letter-log-position';
import { ReadAggregates1767225600300 } from './1767225600300-read-aggregates';
import { ProjectorInstances1767225600500 } from './1767225600500-projector-instances';

/** In order; listed explicitly so they load the same way under jest, ts-node and built JS. */
export const MIGRATIONS = [
  BaseTables1767225600000,
  TimescaleOrRollup1767225600001,
  FactorSetsAndProjections1767225600002,
  DeadLetterLogPosition1767225600003,
  ReadAggregates1767225600300,
  ProjectorInstances1767225600500,
];
