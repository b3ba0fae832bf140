import type { ProductionType } from '@greenops/domain';
import type { DatabaseHandle } from './database-handle';
import { SUMMED_TOTALS_SELECT, toTotals, type EmissionsTotals } from './emissions-totals';
import { requireIdentifier, requireIntInRange } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { SERVED_PROJECTION_VERSION } from './projection-version';
import { boundText, MAX_RETURNED_ID_CHARS, MAX_RETURNED_TEXT_CHARS } from './returned-text';

/** A project of the portfolio: what it declared (null fields when undeclared) and its totals. */
export interface ProjectSummary {
  id: string;
  declared: boolean;
  name: string | null;
  productionType: ProductionType | null;
  finishedMinutes: number | null;
  shootDays: number | null;
  episodes: number | null;
  country: string | null;
  /** YYYY-MM-DD */
  startDate: string | null;
  endDate: string | null;
  tags: string[];
  declaredAt: string | null;
  /** First and last activity the projector measured (activity_measures). */
  firstActivityAt: string | null;
  lastActivityAt: string | null;
  totals: EmissionsTotals;
}

export const PORTFOLIO_ORDERS = ['ID', 'NAME', 'CO2E_DESC'] as const;
export type PortfolioOrder = (typeof PORTFOLIO_ORDERS)[number];

export interface PortfolioFilter {
  productionType?: ProductionType;
  tag?: string;
  /** YYYY-MM-DD, inclusive: projects whose active period (declared, else measured) overlaps. */
  activeFrom?: string;
  activeTo?: string;
}

export interface ProjectPage {
  nodes: Array<ProjectSummary & { cursor: string }>;
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** Deepest offset a portfolio cursor may carry: a tenant has thousands of projects, not millions. */
export const MAX_PORTFOLIO_OFFSET = 100_000;
const MAX_PORTFOLIO_PAGE = 1000;

/** ORDER BY per order: constants chosen by enum, never input. */
const ORDER_SQL: Record<PortfolioOrder, string> = {
  ID: 'r.project_id',
  NAME: 'coalesce(r.name, r.project_id), r.project_id',
  CO2E_DESC: 'r."co2eG" desc, r.project_id',
};

/**
 * The tenant's projects: every declared project and every project with facts in the served
 * projection (undeclared ones carry only what spans say). Totals come from the read aggregate
 * (a few rows per project); the active window from activity_measures (indexed by project and
 * time). `$1` tenant, `$2` production type, `$3` tag, `$4`/`$5` active window, `$6` limit,
 * `$7` offset.
 */
function portfolioSql(order: PortfolioOrder): string {
  return `
  with totals as (
    select t.project_id, ${SUMMED_TOTALS_SELECT}
      from project_scope_totals t
     where t.tenant_id = $1 and t.projection_version = ${SERVED_PROJECTION_VERSION}
     group by t.project_id
    having sum(t.activity_count) > 0
  ),
  ids as (
    select project_id from totals
    union
    select project_id from project_declarations where tenant_id = $1
  ),
  r as (
    select i.project_id, d.name, d.production_type, d.finished_minutes, d.shoot_days, d.episodes,
           d.country, to_char(d.start_date, 'YYYY-MM-DD') as start_date,
           to_char(d.end_date, 'YYYY-MM-DD') as end_date, coalesce(d.tags, '{}') as tags,
           d.declared_at, w.first_at, w.last_at,
           coalesce(tt."energyKwh", 0) as "energyKwh", coalesce(tt."co2eG", 0) as "co2eG",
           coalesce(tt."co2eMarketG", 0) as "co2eMarketG",
           coalesce(tt."operationalG", 0) as "operationalG",
           coalesce(tt."embodiedG", 0) as "embodiedG", coalesce(tt."trainingG", 0) as "trainingG",
           coalesce(tt."lowG", 0) as "lowG", coalesce(tt."highG", 0) as "highG",
           coalesce(tt."activityCount", 0) as "activityCount"
      from ids i
      left join project_declarations d on d.tenant_id = $1 and d.project_id = i.project_id
      left join totals tt on tt.project_id = i.project_id
      left join lateral (
        select min(m.occurred_at) as first_at, max(m.occurred_at) as last_at
          from activity_measures m
         where m.tenant_id = $1 and m.project_id = i.project_id
      ) w on true
  ),
  f as (
    select r.* from r
     where ($2::text is null or r.production_type = $2::text)
       and ($3::text is null or $3::text = any(r.tags))
       and ($4::date is null
            or coalesce(r.end_date::date, (r.last_at at time zone 'UTC')::date) >= $4::date)
       and ($5::date is null
            or coalesce(r.start_date::date, (r.first_at at time zone 'UTC')::date) <= $5::date)
  )
  select r.*, (select count(*) from f)::int as "totalCount"
    from f r
   order by ${ORDER_SQL[order]}
   limit $6 offset $7`;
}

const PORTFOLIO_SQL: Record<PortfolioOrder, string> = {
  ID: portfolioSql('ID'),
  NAME: portfolioSql('NAME'),
  CO2E_DESC: portfolioSql('CO2E_DESC'),
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface PortfolioRow extends EmissionsTotals {
  project_id: string;
  name: string | null;
  production_type: string | null;
  finished_minutes: number | null;
  shoot_days: number | null;
  episodes: number | null;
  country: string | null;
  start_date: string | null;
  end_date: string | null;
  tags: string[];
  declared_at: Date | null;
  first_at: Date | null;
  last_at: Date | null;
  totalCount: number;
}

/** Opaque cursor of the portfolio: base64url of ['p1', order, offset]. */
function encodeCursor(order: PortfolioOrder, offset: number): string {
  return Buffer.from(JSON.stringify(['p1', order, offset]), 'utf8').toString('base64url');
}

function decodeCursor(field: string, order: PortfolioOrder, cursor: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== 'p1' ||
    typeof parsed[2] !== 'number' ||
    !Number.isInteger(parsed[2]) ||
    parsed[2] < 0 ||
    parsed[2] > MAX_PORTFOLIO_OFFSET
  ) {
    throw new PersistenceInputError(field, 'is not a cursor returned by this API');
  }
  if (parsed[1] !== order) {
    throw new PersistenceInputError(
      field,
      `continues a list in ${String(parsed[1])} order, not ${order}`,
    );
  }
  return parsed[2];
}

/** Read side of the portfolio (projects(...), Project.declaration). Tenant-scoped. */
export class PortfolioQueries {
  constructor(private readonly db: DatabaseHandle) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }

  async listProjects(
    tenant: string,
    options: { first: number; after?: string; orderBy?: PortfolioOrder; filter?: PortfolioFilter },
  ): Promise<ProjectPage> {
    const order = options.orderBy ?? 'ID';
    if (!PORTFOLIO_ORDERS.includes(order)) {
      throw new PersistenceInputError('orderBy', `must be one of ${PORTFOLIO_ORDERS.join(', ')}`);
    }
    const size = requireIntInRange('first', options.first, 0, MAX_PORTFOLIO_PAGE);
    const offset =
      options.after === undefined || options.after === null
        ? 0
        : decodeCursor('after', order, options.after);
    const filter = options.filter ?? {};
    for (const key of ['activeFrom', 'activeTo'] as const) {
      const day = filter[key];
      if (day !== undefined && day !== null && !DAY.test(day)) {
        throw new PersistenceInputError(`filter.${key}`, 'must be a date YYYY-MM-DD');
      }
    }
    const rows = await this.read<PortfolioRow>(PORTFOLIO_SQL[order], [
      requireIdentifier('tenant', tenant),
      filter.productionType ?? null,
      filter.tag === undefined || filter.tag === null
        ? null
        : requireIdentifier('filter.tag', filter.tag),
      filter.activeFrom ?? null,
      filter.activeTo ?? null,
      size + 1,
      offset,
    ]);
    const nodes = rows.slice(0, size).map((row, i) => ({
      ...toSummary(row),
      cursor: encodeCursor(order, offset + i + 1),
    }));
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      hasNextPage: rows.length > size,
      endCursor: last ? last.cursor : null,
      totalCount: rows[0]?.totalCount ?? 0,
    };
  }

  /** One project of the portfolio (declared, or known from its facts); null when neither. */
  async project(tenant: string, projectId: string): Promise<ProjectSummary | null> {
    const rows = await this.read<PortfolioRow>(PROJECT_SQL, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
    ]);
    return rows[0] ? toSummary(rows[0]) : null;
  }
}

/** One project's declaration and measured window (its totals are EmissionQueries.projectTotals). */
const PROJECT_SQL = `
  select $2::text as project_id, d.name, d.production_type, d.finished_minutes, d.shoot_days,
         d.episodes, d.country, to_char(d.start_date, 'YYYY-MM-DD') as start_date,
         to_char(d.end_date, 'YYYY-MM-DD') as end_date, coalesce(d.tags, '{}') as tags,
         d.declared_at, w.first_at, w.last_at, 0 as "totalCount"
    from (select 1) one
    left join project_declarations d on d.tenant_id = $1 and d.project_id = $2
    left join lateral (
      select min(m.occurred_at) as first_at, max(m.occurred_at) as last_at
        from activity_measures m where m.tenant_id = $1 and m.project_id = $2
    ) w on true
   where d.project_id is not null or w.first_at is not null`;

function toSummary(row: PortfolioRow): ProjectSummary {
  const bound = (value: string | null, max: number) =>
    value === null ? null : boundText(value, max);
  return {
    id: boundText(row.project_id, MAX_RETURNED_ID_CHARS),
    declared: row.declared_at !== null,
    name: bound(row.name, MAX_RETURNED_TEXT_CHARS),
    productionType: row.production_type as ProductionType | null,
    finishedMinutes: row.finished_minutes,
    shootDays: row.shoot_days,
    episodes: row.episodes,
    country: row.country,
    startDate: row.start_date,
    endDate: row.end_date,
    tags: row.tags,
    declaredAt: row.declared_at ? row.declared_at.toISOString() : null,
    firstActivityAt: row.first_at ? row.first_at.toISOString() : null,
    lastActivityAt: row.last_at ? row.last_at.toISOString() : null,
    totals: toTotals(row),
  };
}
