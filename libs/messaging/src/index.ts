export * from './event-log.port';
export * from './record-value';
export * from './kafka-event-log.publisher';
export * from './kafka-event-log.consumer';
export * from './embedded-event-log.table';
export * from './embedded-event-log.publisher';
export * from './embedded-event-log.consumer';
export * from './kafka-topics';
