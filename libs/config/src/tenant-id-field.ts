import { z } from 'zod';

/**
 * A tenant id as operators type it (GREENOPS_TENANT, `greenops keys --tenant`): a lowercase slug,
 * so it reads the same in logs, partition keys (`tenant/project`) and URLs.
 */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const TENANT_ID_RULE =
  'must be a lowercase slug: a-z, 0-9 and "-", starting with a letter or digit, at most 63 characters';

export const tenantIdField = (defaultTenant: string) =>
  z.string().regex(TENANT_ID_PATTERN, TENANT_ID_RULE).default(defaultTenant);
