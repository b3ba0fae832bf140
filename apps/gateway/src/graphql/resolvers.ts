import { ArtifactResolver, ProjectResolver } from './emissions.resolver';
import { FactorSetsResolver } from './factor-sets.resolver';
import { ProjectStatementResolver } from './project-statement.resolver';
import { RejectedSpansResolver } from './rejected-spans.resolver';
import { ProjectionFailuresResolver } from './projection-failures.resolver';
import {
  ArtifactHoldingsResolver,
  ProjectHoldingsResolver,
  RetentionResolver,
} from './retention.resolver';
import {
  ProjectAvoidedEmissionsResolver,
  RetentionEnforcementResolver,
  RetentionPolicyAvoidedResolver,
} from './retention-enforcement.resolver';
import { StandardSciResolver } from './standard-sci.resolver';
import { ViewerResolver } from './viewer.resolver';
import { MeteredPeriodResolver } from './metered-period.resolver';
import { PlatformHealthResolver } from './platform-health.resolver';
import { PortfolioResolver } from './portfolio.resolver';
import { ProjectKpisResolver } from './project-kpis.resolver';
import { ArtifactInsightsResolver } from './artifact-insights.resolver';
import { BenchmarkResolver } from './benchmark.resolver';
import { WhatIfResolver } from './what-if.resolver';
import {
  ProjectionRestatableResolver,
  TelemetryRetentionResolver,
} from './telemetry-retention.resolver';
import { CrossTenantBenchmarkResolver } from './cross-tenant-benchmark.resolver';
import { BenchmarkReferencesResolver } from './benchmark-references.resolver';
import { IngestRateResolver } from './ingest-rate.resolver';
import { ArtifactActivitiesResolver } from './artifact-activities.resolver';

/** Every resolver of the gateway: the module registers them and the committed schema is printed from them. */
export const GATEWAY_RESOLVERS = [
  ProjectResolver,
  ArtifactResolver,
  FactorSetsResolver,
  RejectedSpansResolver,
  ProjectionFailuresResolver,
  ProjectStatementResolver,
  StandardSciResolver,
  RetentionResolver,
  ProjectHoldingsResolver,
  ArtifactHoldingsResolver,
  RetentionEnforcementResolver,
  ProjectAvoidedEmissionsResolver,
  RetentionPolicyAvoidedResolver,
  ViewerResolver,
  MeteredPeriodResolver,
  PlatformHealthResolver,
  PortfolioResolver,
  ProjectKpisResolver,
  ArtifactInsightsResolver,
  BenchmarkResolver,
  WhatIfResolver,
  TelemetryRetentionResolver,
  ProjectionRestatableResolver,
  CrossTenantBenchmarkResolver,
  BenchmarkReferencesResolver,
  IngestRateResolver,
  ArtifactActivitiesResolver,
];
