export * from './embedded.config';
export * from './embedded-platform';
