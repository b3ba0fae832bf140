import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { GatewayError } from '../errors/gateway-error';
import { graphqlErrorShape, toGraphQLError } from '../errors/graphql-error-mapping';

/** Default byte budget of one GraphQL response (GREENOPS_GRAPHQL_MAX_RESPONSE_BYTES). */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** JSON punctuation around a field: quotes and colon of the key, a comma. */
const FIELD_OVERHEAD_BYTES = 4;

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8') + 2;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (value === null || value === undefined) return 4;
  return 2; // an object or list: its brackets (its items are fields counted on their own)
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError(
    'RESPONSE_TOO_LARGE',
    `The response would exceed ${maxBytes} bytes; select fewer fields or smaller pages`,
    { maxBytes },
  );
}

/**
 * Bounds the size of every GraphQL response (docs/operations.md, "Limits"). While the operation
 * runs, each resolved field adds its serialised size to a running total; once the total passes
 * the budget, every further field fails at once (no more database work), and the answer is
 * replaced by one RESPONSE_TOO_LARGE error. The final body is measured too, so the bound holds
 * whatever the running estimate missed.
 */
export function responseBudgetPlugin(
  maxBytes: number = DEFAULT_MAX_RESPONSE_BYTES,
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let bytes = 0;
      let exceeded = false;
      return {
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              if (exceeded) throw tooLarge(maxBytes);
              return (error, result) => {
                if (error) return;
                bytes += info.fieldName.length + FIELD_OVERHEAD_BYTES + valueBytes(result);
                if (bytes > maxBytes) exceeded = true;
              };
            },
          };
        },
        async willSendResponse(context: GraphQLRequestContextWillSendResponse<object>) {
          const body = context.response.body;
          if (body.kind !== 'single') return;
          if (
            !exceeded &&
            Buffer.byteLength(JSON.stringify(body.singleResult), 'utf8') <= maxBytes
          ) {
            return;
          }
          // Formatted here, past Apollo's own formatting: the status goes on the response itself.
          body.singleResult = { errors: [toGraphQLError(tooLarge(maxBytes)).toJSON()] };
          context.response.http.status = graphqlErrorShape('RESPONSE_TOO_LARGE').httpStatus;
        },
      };
    },
  };
}
