export * from './api-key-role';
export * from './auth-errors';
export * from './caller-authorization';
export * from './credential-headers';
