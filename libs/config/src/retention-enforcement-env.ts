import { durationField } from './env-fields';

const DAY_MS = 86_400_000;

/**
 * Retention enforcement's timing (docs/retention.md, "Deadlines"). Gateway:
 * GREENOPS_RETENTION_ANSWER_WINDOW, added to a request's grace days to make its deadline.
 * Projector: GREENOPS_RETENTION_SWEEP_INTERVAL (how often due requests are sent) and
 * GREENOPS_RETENTION_RESEND_INTERVAL (the wait between re-sends of an OVERDUE request).
 */
export const retentionAnswerWindowField = durationField(365 * DAY_MS, '365d').default('24h');
export const retentionSweepIntervalField = durationField(DAY_MS, '1d').default('30s');
export const retentionResendIntervalField = durationField(30 * DAY_MS, '30d').default('1h');
