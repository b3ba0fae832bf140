import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '@greenops/auth';

export const REQUIRED_ROLE = 'greenops:required-role';

/** The API-key role an operation needs instead of 'read' (checked by ApiKeyGuard). */
export const RequireRole = (role: ApiKeyRole) => SetMetadata(REQUIRED_ROLE, role);
