export * from './gateway-queries.port';
export * from './gateway.module';
export * from './graphql/query-cost.plugin';
export { DEFAULT_MAX_RESPONSE_BYTES } from './graphql/response-budget.plugin';
export { GATEWAY_ERROR_CODES, GatewayError, type GatewayErrorCode } from './errors/gateway-error';
export {
  findDashboardBuild,
  type DashboardClientConfig,
  type DashboardOptions,
} from './dashboard/serve-dashboard';
export { DASHBOARD_CONTENT_SECURITY_POLICY } from './dashboard/content-security-policy';
