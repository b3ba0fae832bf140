import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface QueryCostLimits {
  maxCost: number;
  maxDepth: number;
}

export const DEFAULT_QUERY_COST_LIMITS: QueryCostLimits = { maxCost: 1000, maxDepth: 10 };

/**
 * Rejects an operation before it runs when its estimated cost or depth is over the limit
 * (after twenty's query-complexity hook, ported to an Apollo plugin).
 */
export function queryCostPlugin(
  limits: QueryCostLimits = DEFAULT_QUERY_COST_LIMITS,
): ApolloServerPlugin {
  let schema: GraphQLSchema | undefined;
  return {
    async serverWillStart(service) {
      schema = service.schema;
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (!schema) return;
          if (!operation) return; // graphql-js reports unknown operations itself
          const depth = selectionDepth(operation.selectionSet);
          if (depth > limits.maxDepth) {
            throw new GraphQLError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, {
              extensions: { code: 'QUERY_TOO_DEEP', http: { status: 400 } },
            });
          }
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${limits.maxCost}`, {
              extensions: {
                code: 'QUERY_TOO_COSTLY',
                cost,
                maxCost: limits.maxCost,
                http: { status: 400 },
              },
            });
          }
        },
      };
    },
  };
}

function selectionDepth(set: SelectionSetNode | undefined): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    const child = selection.kind === Kind.FRAGMENT_SPREAD ? undefined : selection.selectionSet;
    deepest = Math.max(deepest, selectionDepth(child));
  }
  return 1 + deepest;
}
