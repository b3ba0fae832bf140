export * from './activity-kind';
export * from './activity';
export * from './emissions';
export * from './factor-override';
export * from './retention-policy';
export * from './production';
