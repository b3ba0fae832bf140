import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLE = 'greenops:required-role';

/** The API-key role an operation needs beyond 'read' (checked by ApiKeyGuard). */
export const RequireRole = (role: 'admin' | 'ingest' | 'read') => SetMetadata(REQUIRED_ROLE, role);
