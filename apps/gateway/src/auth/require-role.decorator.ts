import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '@greenops/auth';

export const REQUIRED_ROLE = 'greenops:required-role';

/**
 * The API-key role an operation needs instead of 'read' (checked by ApiKeyGuard); with several,
 * any one of them suffices.
 */
export const RequireRole = (role: ApiKeyRole, ...alternatives: ApiKeyRole[]) =>
  SetMetadata(REQUIRED_ROLE, [role, ...alternatives]);
