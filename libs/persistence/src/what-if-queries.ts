import type { DatabaseHandle } from './database-handle';
import type { StoredActivityInputs } from './activity-inputs';
import { requireIdentifier, requireIntInRange } from './input-checks';
import { SERVED_PROJECTION_VERSION } from './projection-version';

/** Most distinct activity inputs one what-if recomputes (identical inputs count once). */
export const MAX_WHAT_IF_INPUT_GROUPS = 20_000;

/** Activities with identical stored inputs, once each with their count. */
export interface ActivityInputGroup {
  inputs: StoredActivityInputs;
  count: number;
}

export interface WhatIfActivityData {
  groups: ActivityInputGroup[];
  /** More distinct inputs than the limit asked for: `groups` is incomplete. */
  overLimit: boolean;
  /** Served facts of the project the stored inputs do not cover. */
  factsWithoutInputs: number;
  /** Of which metered periods (allocated readings, not activities: not recomputed). */
  meteredPeriodFacts: number;
}

// Identical inputs (same kind, start, duration, measurements) give identical results: grouped
// here, computed once. Ordered so the same project gives the same groups.
const INPUT_GROUPS = `
  select i.inputs::text as inputs, count(*)::int as n
    from activity_inputs i
   where i.tenant_id = $1 and i.project_id = $2
   group by i.inputs
   order by min(i.occurred_at), 1
   limit $3`;

const UNCOVERED_FACTS = `
  select count(*) filter (where f.activity_kind = 'metered.period')::int as metered,
         count(*) filter (where i.event_id is null)::int as uncovered
    from emission_facts f
    left join activity_inputs i on i.tenant_id = f.tenant_id and i.event_id = f.event_id
   where f.tenant_id = $1 and f.project_id = $2 and f.projection_version = ${SERVED_PROJECTION_VERSION}`;

/**
 * The stored inputs of a project's activities, for what-if recomputation (docs/insights.md §5).
 * Tenant-scoped: another tenant's project reads as empty.
 */
export class WhatIfQueries {
  constructor(private readonly db: DatabaseHandle) {}

  async activityInputs(
    tenant: string,
    projectId: string,
    maxGroups = MAX_WHAT_IF_INPUT_GROUPS,
  ): Promise<WhatIfActivityData> {
    const t = requireIdentifier('tenant', tenant);
    const p = requireIdentifier('projectId', projectId);
    const limit = requireIntInRange('maxGroups', maxGroups, 1, MAX_WHAT_IF_INPUT_GROUPS);
    return this.db.reads.run(async () => {
      const rows = (await this.db.dataSource.query(INPUT_GROUPS, [t, p, limit + 1])) as Array<{
        inputs: string;
        n: number;
      }>;
      const [facts] = (await this.db.dataSource.query(UNCOVERED_FACTS, [t, p])) as Array<{
        metered: number;
        uncovered: number;
      }>;
      return {
        groups: rows.slice(0, limit).map((r) => ({
          inputs: JSON.parse(r.inputs) as StoredActivityInputs,
          count: r.n,
        })),
        overLimit: rows.length > limit,
        factsWithoutInputs: facts?.uncovered ?? 0,
        meteredPeriodFacts: facts?.metered ?? 0,
      };
    });
  }
}
