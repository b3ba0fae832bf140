import { graphql } from './graphql';

/** Every operation the dashboard sends; one place, so a schema change fails the type check here. */
export const EmissionsFields = graphql(`
  fragment EmissionsFields on Emissions {
    co2eG
    co2eMarketG
    lowG
    highG
    energyKwh
    operationalG
    embodiedG
    trainingG
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      tenant
      roles
    }
  }
`);

export const ProjectQuery = graphql(
  `
    query Project($id: ID!) {
      project(id: $id) {
        id
        emissions {
          ...EmissionsFields
        }
        byScope {
          scope
          category
          activityCount
          emissions {
            ...EmissionsFields
          }
        }
        dataQuality {
          measuredShare
          modelledShare
          proxyShare
        }
      }
      projection {
        currentVersion
        factorSetVersion
      }
    }
  `,
  [EmissionsFields],
);

export const ProjectSciQuery = graphql(`
  query ProjectSci($id: ID!, $per: SciFunctionalUnitInput!) {
    project(id: $id) {
      id
      sci(per: $per) {
        functionalUnit
        quantity
        co2eGPerUnit
        co2eMarketGPerUnit
        lowGPerUnit
        highGPerUnit
      }
    }
  }
`);

/**
 * One page of a project's artifacts: ids, lineage links and the nominal roll-up only, so that a
 * page of 25 stays under the gateway's query-cost limit (activityCount is a round trip per node).
 */
export const ProjectArtifactsQuery = graphql(`
  query ProjectArtifacts($id: ID!, $first: Int!, $after: String) {
    project(id: $id) {
      id
      artifacts(first: $first, after: $after) {
        nodes {
          id
          kind
          status
          parentId
          emissions {
            co2eG
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const ArtifactQuery = graphql(
  `
    query Artifact($projectId: ID!, $id: ID!) {
      artifact(projectId: $projectId, id: $id) {
        id
        kind
        status
        parentId
        activityCount
        emissions {
          ...EmissionsFields
        }
      }
    }
  `,
  [EmissionsFields],
);

export const HealthQuery = graphql(`
  query Health {
    rejectedSpans(first: 50) {
      traceId
      spanId
      spanName
      field
      reason
      rejectedAt
    }
    projection {
      currentVersion
      factorSetVersion
      ingestRate(windowMinutes: 60) {
        windowMinutes
        from
        until
        acceptedSpans
        rejectedSpans
        acceptedPerMinute
        rejectedPerMinute
      }
      building {
        version
        factorSetVersion
        partitions
        partitionsDone
      }
    }
    factorSets {
      name
      version
      baseVersion
      publishedAt
      factors {
        id
      }
    }
  }
`);

export const PublishFactorSetMutation = graphql(`
  mutation PublishFactorSet($input: PublishFactorSetInput!) {
    publishFactorSet(input: $input) {
      version
      factorCount
      baseVersion
    }
  }
`);

/** Whether the tenant has any project: the start page is the portfolio once it has one. */
export const ProjectCountQuery = graphql(`
  query ProjectCount {
    projects(first: 1) {
      totalCount
    }
  }
`);

/** A page of the portfolio: totals only (one round trip); each row reads its KPIs apart. */
export const PortfolioQuery = graphql(`
  query Portfolio($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {
    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      nodes {
        id
        declaration {
          name
          productionType
          finishedMinutes
          shootDays
        }
        emissions {
          co2eG
          co2eMarketG
          lowG
          highG
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One portfolio row's KPIs per functional unit, rank in its production type and weekly trend. */
export const PortfolioRowQuery = graphql(`
  query PortfolioRow($id: ID!, $from: String!, $to: String!) {
    project(id: $id) {
      id
      kpis {
        gPerFinishedMinute
        gPerShootDay
        finishedMinutesSource
      }
      perMinute: benchmark(kpi: G_PER_FINISHED_MINUTE) {
        rank
        percentile
        cohort {
          projectCount
        }
      }
      series(bucket: WEEK, from: $from, to: $to) {
        bucketStart
        co2eG
      }
    }
  }
`);

export const BenchmarkFields = graphql(`
  fragment BenchmarkFields on ProjectBenchmark {
    value
    rank
    percentile
    cohort {
      projectCount
      median
      q1
      q3
      best
      worst
    }
  }
`);

/** The project's KPIs for the whole project, each with its standing in the tenant's cohort. */
export const ProjectKpisQuery = graphql(
  `
    query ProjectKpis($id: ID!) {
      project(id: $id) {
        id
        declaration {
          name
          productionType
          finishedMinutes
          shootDays
          episodes
        }
        kpis {
          co2eG
          co2eMarketG
          gPerFinishedMinute
          gPerShootDay
          finishedMinutes
          finishedMinutesSource
          shootDays
          gpuHours
          iterations
          approvedShots
          iterationsPerApprovedShot
          discardedG
          discardedShare
          byKind {
            key
            co2eG
            co2eMarketG
            share
            activityCount
          }
          dataQuality {
            key
            co2eG
            share
            activityCount
          }
        }
        total: benchmark(kpi: CO2E_TOTAL) {
          ...BenchmarkFields
        }
        perMinute: benchmark(kpi: G_PER_FINISHED_MINUTE) {
          ...BenchmarkFields
        }
        perShootDay: benchmark(kpi: G_PER_SHOOT_DAY) {
          ...BenchmarkFields
        }
        perEpisode: benchmark(kpi: G_PER_EPISODE) {
          ...BenchmarkFields
        }
      }
    }
  `,
  [BenchmarkFields],
);

/** The API's series: sums per UTC bucket and activity kind or GHG scope. */
export const ProjectSeriesQuery = graphql(`
  query ProjectSeries(
    $id: ID!
    $from: String!
    $to: String!
    $bucket: SeriesBucket!
    $by: SeriesDimension!
  ) {
    project(id: $id) {
      id
      series(bucket: $bucket, from: $from, to: $to, by: $by) {
        bucketStart
        key
        co2eG
        co2eMarketG
        energyKwh
        activityCount
      }
    }
  }
`);

/** The drill-down's additions: status history, cost of iteration, SCI per unit, holdings. */
export const ArtifactDetailQuery = graphql(`
  query ArtifactDetail($projectId: ID!, $id: ID!) {
    artifact(projectId: $projectId, id: $id) {
      id
      statusHistory(first: 50) {
        status
        changedAt
        source
      }
      iteration {
        co2eG
        deliveredG
        discardedG
        inProgressG
        discardedShare
      }
      perArtifact: sci(per: ARTIFACT) {
        co2eGPerUnit
        lowGPerUnit
        highGPerUnit
        co2eMarketGPerUnit
        quantity
        functionalUnit
      }
      perMinute: sci(per: MINUTE) {
        co2eGPerUnit
        lowGPerUnit
        highGPerUnit
        quantity
        functionalUnit
      }
      perApprovedChild: sci(per: APPROVED_CHILD) {
        co2eGPerUnit
        lowGPerUnit
        highGPerUnit
        quantity
        functionalUnit
      }
      holdings {
        storageSystem
        media
        bytes
        co2eGPerDay {
          nominal
        }
      }
    }
  }
`);

export const UncertainFields = graphql(`
  fragment UncertainFields on UncertainAmount {
    low
    nominal
    high
  }
`);

/** Retention: policies, legal holds, the audit trail's first page. */
export const RetentionQuery = graphql(`
  query Retention($includeRetired: Boolean!) {
    retentionPolicies(includeRetired: $includeRetired) {
      id
      name
      action
      toMedia
      graceDays
      definedAt
      definedBy
      retiredAt
      selector {
        ageBasis
        minAgeDays
        minBytes
        statuses
        storageSystems
        media
        artifactKinds
        projectIds
      }
    }
    legalHolds {
      projectId
      artifactId
      reason
      setAt
      setBy
    }
  }
`);

export const RetentionAuditQuery = graphql(`
  query RetentionAudit($after: ID) {
    retentionAudit(first: 50, after: $after) {
      records {
        cursor
        action
        subject
        projectId
        reason
        keyId
        occurredAt
      }
      hasNextPage
      endCursor
    }
  }
`);

export const RetentionPreviewQuery = graphql(
  `
    query RetentionPreview($policyId: ID!) {
      retentionPreview(policyId: $policyId, first: 25) {
        policyId
        candidateCount
        bytes
        excludedLegalHold
        excludedProtectedByStatus
        co2eGPerDay {
          ...UncertainFields
        }
        avoidedKgCo2ePerYear {
          ...UncertainFields
        }
        candidates {
          projectId
          artifactId
          bytes
          avoidedKgCo2ePerYear {
            ...UncertainFields
          }
        }
      }
    }
  `,
  [UncertainFields],
);

/** A project's holdings, per storage system and media (retention page). */
export const ProjectHoldingsQuery = graphql(
  `
    query ProjectHoldings($id: ID!) {
      project(id: $id) {
        id
        holdings {
          storageSystem
          media
          artifacts
          bytes
          co2eGPerDay {
            ...UncertainFields
          }
        }
      }
    }
  `,
  [UncertainFields],
);

export const DefineRetentionPolicyMutation = graphql(`
  mutation DefineRetentionPolicy($input: DefineRetentionPolicyInput!) {
    defineRetentionPolicy(input: $input) {
      eventId
      policyId
    }
  }
`);

export const RetireRetentionPolicyMutation = graphql(`
  mutation RetireRetentionPolicy($policyId: ID!, $reason: String) {
    retireRetentionPolicy(policyId: $policyId, reason: $reason) {
      eventId
    }
  }
`);

export const SetLegalHoldMutation = graphql(`
  mutation SetLegalHold($projectId: ID!, $artifactId: ID!, $reason: String!) {
    setLegalHold(projectId: $projectId, artifactId: $artifactId, reason: $reason) {
      eventId
    }
  }
`);

export const ReleaseLegalHoldMutation = graphql(`
  mutation ReleaseLegalHold($projectId: ID!, $artifactId: ID!, $reason: String) {
    releaseLegalHold(projectId: $projectId, artifactId: $artifactId, reason: $reason) {
      eventId
    }
  }
`);

/** Projector instances, partitions and lag (role admin; distributed mode). */
export const PlatformHealthQuery = graphql(`
  query PlatformHealth {
    platformHealth {
      projectors {
        group
        instanceId
        host
        state
        stale
        startedAt
        lastSeen
        partitions {
          partition
          lag
          committedOffset
          highWatermark
        }
      }
    }
  }
`);

/** Project ids for the holdings picker (ids only: cheap; the first 100 by id). */
export const ProjectIdsQuery = graphql(`
  query ProjectIds {
    projects(first: 100, orderBy: ID) {
      nodes {
        id
      }
    }
  }
`);

/** Totals of a what-if side: nominal, band, market, energy. */
export const WhatIfTotalsFields = graphql(`
  fragment WhatIfTotalsFields on WhatIfTotals {
    activityCount
    co2eG
    lowG
    highG
    co2eMarketG
    energyKwh
  }
`);

/** A project's stored activities recomputed under a scenario (docs/insights.md §5). */
export const WhatIfQuery = graphql(
  `
    query WhatIf($projectId: String!, $scenario: WhatIfScenarioInput!) {
      whatIf(projectId: $projectId, scenario: $scenario) {
        projectId
        factorSetVersion
        actual {
          ...WhatIfTotalsFields
        }
        scenario {
          ...WhatIfTotalsFields
        }
        differenceG
        differenceLowG
        differenceHighG
        differenceShare
        byKind {
          kind
          actual {
            ...WhatIfTotalsFields
          }
          scenario {
            ...WhatIfTotalsFields
          }
          differenceG
          differenceLowG
          differenceHighG
        }
        notes
        problems {
          stage
          field
          reason
          activityCount
        }
      }
    }
  `,
  [WhatIfTotalsFields],
);

/**
 * Deletion requests of one storage system and/or status, oldest first (docs/retention.md): the
 * first 50, so the query stays under the cost limit (10 + 50 × 14 fields = 710 of 1 000).
 * Deletions by default; with `action: MOVE`, move requests (their tiers shown).
 */
export const DeletionRequestsQuery = graphql(`
  query DeletionRequests(
    $system: String
    $status: DeletionRequestStatus
    $action: RetentionActionKind
  ) {
    deletionRequests(first: 50, system: $system, status: $status, action: $action) {
      requestId
      action
      fromMedia
      toMedia
      projectId
      artifactId
      storageSystem
      bytes
      deadline
      status
      requestedAt
      sendCount
      answeredAt
      answerReason
    }
  }
`);

/** One page of an artifact's own activities: method tier, factors with sources, energy, CO2e. */
export const ArtifactActivitiesQuery = graphql(`
  query ArtifactActivities($projectId: ID!, $id: ID!, $after: String) {
    artifact(projectId: $projectId, id: $id) {
      id
      activities(first: 20, after: $after) {
        nodes {
          eventId
          kind
          occurredAt
          tier
          modelId
          factorSetVersion
          factors {
            id
            value
            unit
            source
            year
          }
          pue
          intensityGPerKwh
          energyKwh
          co2eG
          lowG
          highG
          co2eMarketG
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);
