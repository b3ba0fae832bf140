export * from './activity-kind';
export * from './activity';
export * from './emissions';
export * from './event-envelope';
export * from './event-id';
export * from './factor-set-events';
