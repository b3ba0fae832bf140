/** Activity kinds of the span-attribute contract (`greenops.activity.kind`, docs/semantic-conventions.md). */
export const ACTIVITY_KINDS = [
  'render',
  'workstation',
  'ai.inference',
  'transfer',
  'storage',
  'travel',
  'onset.energy',
  'accommodation',
] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function isActivityKind(value: unknown): value is ActivityKind {
  return typeof value === 'string' && (ACTIVITY_KINDS as readonly string[]).includes(value);
}
