/**
 * The projection version queries serve for tenant `$1`: the tenant's current version in
 * tenant_projections (a factor-set rebuild writes version N+1 beside it, then switches), 1 for
 * a tenant that never rebuilt. A SQL fragment, constant: no input is spliced into it.
 */
export const SERVED_PROJECTION_VERSION = `coalesce((select tp.current_version from tenant_projections tp where tp.tenant_id = $1), 1)`;

/** The version every tenant starts with. */
export const INITIAL_PROJECTION_VERSION = 1;
