/**
 * The artifact merge rule, once (docs/architecture.md, "Artifacts: per-field recency"): each
 * field (parent, kind, status) keeps the time it was observed at, and an incoming value replaces
 * the current one when it is known and observed no earlier — latest wins, absent never erases.
 * Its SQL twin is `greenops_artifact_field_wins` (migration 1767225600102), tested against the
 * same cases (`artifact-field-wins.cases.ts`).
 */
export function artifactFieldWins(
  currentValue: string | null,
  currentAtMs: number | null,
  incomingValue: string | null,
  incomingAtMs: number,
): boolean {
  return (
    incomingValue !== null &&
    (currentValue === null || currentAtMs === null || incomingAtMs >= currentAtMs)
  );
}
