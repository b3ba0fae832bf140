import type { DatabaseHandle } from './database-handle';
import { ArtifactInsightQueries } from './artifact-insight-queries';
import { BenchmarkQueries } from './benchmark-queries';
import { BenchmarkSharingQueries } from './benchmark-sharing-queries';
import { PortfolioQueries } from './portfolio-queries';
import { ProjectReportQueries } from './project-report-queries';
import { ProjectKpiQueries } from './project-kpi-queries';
import { WhatIfQueries } from './what-if-queries';

/** The insights read side on one database (the gateway's `insights` option). */
export function insightsReads(db: DatabaseHandle): {
  portfolio: PortfolioQueries;
  kpis: ProjectKpiQueries;
  artifacts: ArtifactInsightQueries;
  benchmarks: BenchmarkQueries;
  reports: ProjectReportQueries;
  whatIf: WhatIfQueries;
  sharing: BenchmarkSharingQueries;
} {
  return {
    portfolio: new PortfolioQueries(db),
    kpis: new ProjectKpiQueries(db),
    artifacts: new ArtifactInsightQueries(db),
    benchmarks: new BenchmarkQueries(db),
    reports: new ProjectReportQueries(db),
    whatIf: new WhatIfQueries(db),
    sharing: new BenchmarkSharingQueries(db),
  };
}
