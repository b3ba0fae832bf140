export * from './gateway-queries.port';
export * from './gateway.module';
export * from './graphql/query-cost.plugin';
