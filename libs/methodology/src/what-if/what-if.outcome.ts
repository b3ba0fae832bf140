/** What one part of a scenario did to one activity: applied, or why not. */
export type PartOutcome = { applied: true } | { applied: false; reason: string };

export const APPLIED: PartOutcome = { applied: true };
export const notApplied = (reason: string): PartOutcome => ({ applied: false, reason });
