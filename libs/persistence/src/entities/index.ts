import { ApiKeyEntity } from './api-key.entity';
import { ArtifactEntity } from './artifact.entity';
import { ConsumerOffsetEntity } from './consumer-offset.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { EmissionFactEntity } from './emission-fact.entity';
import { EventLogRecordEntity } from './event-log-record.entity';
import { ProjectDailyEmissionsRollupEntity } from './project-daily-emissions-rollup.entity';
import { TenantEntity } from './tenant.entity';
import { TenantFactorSetEntity } from './tenant-factor-set.entity';
import { TenantProjectionEntity } from './tenant-projection.entity';

export {
  ApiKeyEntity,
  ArtifactEntity,
  ConsumerOffsetEntity,
  DeadLetterEntity,
  EmissionFactEntity,
  EventLogRecordEntity,
  ProjectDailyEmissionsRollupEntity,
  TenantEntity,
  TenantFactorSetEntity,
  TenantProjectionEntity,
};

// Listed explicitly (no globs): works the same under ts-node, swc-jest and compiled JS.
export const ENTITIES = [
  TenantEntity,
  ApiKeyEntity,
  EmissionFactEntity,
  ArtifactEntity,
  ConsumerOffsetEntity,
  EventLogRecordEntity,
  DeadLetterEntity,
  ProjectDailyEmissionsRollupEntity,
  TenantFactorSetEntity,
  TenantProjectionEntity,
];
