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
    query Project($id: ID!, $from: String!, $to: String!) {
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
        daily(from: $from, to: $to) {
          day
          co2eG
          energyKwh
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
