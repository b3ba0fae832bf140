export * from './embedded.config';
export * from './embedded-platform';
export * from './generate-api-key';
