// Fault-injection helpers for the fault suite (e2e/faults) and the chaos script (tools/chaos):
// a private broker and database cluster to stop and restart, services to kill and restart,
// an OTLP client that retries as the specification says, and waiting for exact totals.
export { ManagedProcess } from './managed-process';
export { startDistributedStack, type DistributedStack } from './distributed-stack';
export { otlpJsonBody, type FaultSpan } from './otlp-json-body';
export { PrivateKafkaBroker } from './private-kafka-broker';
export { PrivatePostgresCluster } from './private-postgres-cluster';
export {
  RetryingOtlpClient,
  type OtlpDelivery,
  type RetryableAnswer,
  type RetryingOtlpClientOptions,
} from './retrying-otlp-client';
export { processAlive, runCommand, type CommandResult } from './run-command';
export { waitForTotal, type WaitForTotalOptions } from './wait-for-total';
export {
  FRAME_HOST_EMBODIED_G,
  frameSpan,
  frameSpans,
  frameTotals,
  type FrameTotals,
} from './frame-workload';
export { countFacts, readProjectTotals, type ProjectTotals } from './platform-readers';
export { FAULT_PORT_BASE_ENV, faultPorts } from './fault-ports';
