import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { GatewayError } from '../errors/gateway-error';
import { toGraphQLError } from '../errors/graphql-error-mapping';
import { operationShape } from './operation-shape';

export interface QueryCostLimits {
  /** Estimated cost: 1 per field, SQL_ROUND_TRIP_COST per field that queries the database. */
  maxCost: number;
  /** Nested fields, counted through fragments. */
  maxDepth: number;
  /** Selections once fragments are expanded. */
  maxNodes: number;
}

export const DEFAULT_QUERY_COST_LIMITS: QueryCostLimits = {
  maxCost: 1000,
  maxDepth: 10,
  maxNodes: 2000,
};

function refuse(error: GatewayError): never {
  throw toGraphQLError(error, true);
}

/**
 * Refuses an operation before it runs when it is too large, too deep or too costly
 * (docs/operations.md, "Limits"); each refusal is a client error (HTTP 400) with its code.
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
          const shape = operationShape(operation, document);
          if (shape.nodes > limits.maxNodes) {
            refuse(
              new GatewayError(
                'QUERY_TOO_LARGE',
                `Query has ${shape.nodes} selections once fragments are expanded; the limit is ${limits.maxNodes}`,
                { nodes: shape.nodes, maxNodes: limits.maxNodes },
              ),
            );
          }
          if (shape.depth > limits.maxDepth) {
            refuse(
              new GatewayError(
                'QUERY_TOO_DEEP',
                `Query depth ${shape.depth} exceeds the limit of ${limits.maxDepth}`,
                { depth: shape.depth, maxDepth: limits.maxDepth },
              ),
            );
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              // Above ours: the expanded size was already checked, counted the same way.
              maxQueryNodes: limits.maxNodes + 1,
            });
          } catch (error) {
            // What remains are the variables' own errors (a value of the wrong type).
            if (error instanceof GraphQLError) {
              refuse(new GatewayError('INVALID_ARGUMENT', error.message));
            }
            throw error;
          }
          if (cost > limits.maxCost) {
            refuse(
              new GatewayError(
                'QUERY_TOO_COSTLY',
                `Query cost ${cost} exceeds the limit of ${limits.maxCost}`,
                { cost, maxCost: limits.maxCost },
              ),
            );
          }
        },
      };
    },
  };
}
