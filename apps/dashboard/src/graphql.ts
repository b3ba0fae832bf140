import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

/**
 * Typed GraphQL documents: result and variable types come from the committed schema
 * (apps/gateway/schema.graphql → graphql-env.d.ts, `npm run schema:update`).
 */
export const graphql = initGraphQLTada<{ introspection: introspection; disableMasking: true }>();
export type { ResultOf, VariablesOf } from 'gql.tada';
