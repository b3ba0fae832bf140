import type { InsightsStore } from '@greenops/persistence';

export type { InsightsBatch } from '@greenops/persistence';

/** Where the projector writes declarations, activity measures and status history (libs/persistence). */
export type InsightsRecorder = Pick<InsightsStore, 'record'>;
