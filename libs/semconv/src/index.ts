export * from './attributes';
export * from './otlp-span';
export * from './attribute-error';
export * from './attribute-reader';
export * from './span-to-activity';
