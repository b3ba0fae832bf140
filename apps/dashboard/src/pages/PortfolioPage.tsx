import { useCallback, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { PortfolioQuery, PortfolioRowQuery } from '../queries';
import type { ResultOf } from '../graphql';
import { usePolling } from '../hooks';
import { href } from '../routes';
import { formatCo2e, formatCount } from '../lib/format';
import { mondayOf, sparklinePoints, weeklyTotals } from '../lib/trend';
import { describePercentile, formatRank, productionTypeLabel } from '../lib/standing';
import { Band, Co2e } from '../components/Figures';
import { ErrorState, Loading } from '../components/States';

const PAGE_SIZE = 20;
/** Weeks in each row's sparkline: a quarter. */
export const TREND_WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;

const PRODUCTION_TYPES = [
  'FEATURE',
  'SERIES',
  'EPISODE',
  'COMMERCIAL',
  'PREVIZ',
  'MUSIC_VIDEO',
  'OTHER',
] as const;
type ProductionType = (typeof PRODUCTION_TYPES)[number];

const PERIODS = [
  { days: 0, label: 'Any time' },
  { days: 30, label: 'Active in the last 30 days' },
  { days: 90, label: 'Active in the last 90 days' },
  { days: 365, label: 'Active in the last 12 months' },
] as const;

const ORDERS = [
  { value: 'CO2E_DESC', label: 'Largest emitters first' },
  { value: 'NAME', label: 'Name' },
  { value: 'ID', label: 'Id' },
] as const;
type Order = (typeof ORDERS)[number]['value'];

/** Portfolio: every project with totals, KPIs per functional unit, trend and rank in its type. */
export function PortfolioPage() {
  const [productionType, setProductionType] = useState<ProductionType | ''>('');
  const [periodDays, setPeriodDays] = useState<number>(0);
  const [orderBy, setOrderBy] = useState<Order>('CO2E_DESC');
  // Cursors of the pages before the current one: Previous pops, Next pushes.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const today = new Date().toISOString().slice(0, 10);
  const filter = useMemo(() => {
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - periodDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return {
      ...(productionType ? { productionType } : {}),
      ...(periodDays ? { activeBetween: { from, to: today } } : {}),
    };
  }, [productionType, periodDays, today]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }, refresh] = useQuery({
    query: PortfolioQuery,
    variables: { first: PAGE_SIZE, after, filter, orderBy },
  });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const trendWindow = useMemo(() => {
    const lastMonday = mondayOf(new Date(`${today}T12:00:00Z`));
    const end = Date.parse(`${lastMonday}T00:00:00Z`) + WEEK_MS;
    return {
      lastMonday,
      from: new Date(end - TREND_WEEKS * WEEK_MS).toISOString(),
      to: new Date(end).toISOString(),
    };
  }, [today]);
  const resetPages = () => setCursors([undefined]);

  const projects = data?.projects;
  return (
    <>
      <div className="page-head">
        <h1>Portfolio</h1>
        <p className="muted">
          <a href={href.start()}>Open a project by id, or send the first span</a>
        </p>
      </div>
      <section className="card" aria-labelledby="portfolio-heading">
        <h2 id="portfolio-heading">Projects</h2>
        <div className="controls">
          <label>
            Production type{' '}
            <select
              value={productionType}
              onChange={(ev) => {
                setProductionType(ev.target.value as ProductionType | '');
                resetPages();
              }}
            >
              <option value="">All types</option>
              {PRODUCTION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {productionTypeLabel(t)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Period{' '}
            <select
              value={periodDays}
              onChange={(ev) => {
                setPeriodDays(Number(ev.target.value));
                resetPages();
              }}
            >
              {PERIODS.map((p) => (
                <option key={p.days} value={p.days}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Order{' '}
            <select
              value={orderBy}
              onChange={(ev) => {
                setOrderBy(ev.target.value as Order);
                resetPages();
              }}
            >
              {ORDERS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {!projects ? (
          error ? (
            <ErrorState error={error} what="the projects" />
          ) : (
            <Loading what="the projects" />
          )
        ) : projects.nodes.length === 0 ? (
          <p data-testid="portfolio-empty">No project matches these filters.</p>
        ) : (
          <>
            <table data-testid="portfolio-table">
              <caption>
                {formatCount(projects.totalCount)} project{projects.totalCount === 1 ? '' : 's'};
                KPIs location-based; rank 1 is the lowest emitter per finished minute among the
                tenant&rsquo;s projects of the same type; trend: weekly CO₂e over the last{' '}
                {TREND_WEEKS} weeks.
                {fetching ? ' Refreshing…' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Type</th>
                  <th scope="col" className="n">
                    CO₂e
                  </th>
                  <th scope="col" className="n">
                    Per finished minute
                  </th>
                  <th scope="col" className="n">
                    Per shoot day
                  </th>
                  <th scope="col" className="n">
                    Rank in type
                  </th>
                  <th scope="col">Trend</th>
                </tr>
              </thead>
              <tbody>
                {projects.nodes.map((p) => (
                  <PortfolioRow key={p.id} project={p} trendWindow={trendWindow} />
                ))}
              </tbody>
            </table>
            <div className="buttons">
              <button
                type="button"
                className="ghost"
                disabled={cursors.length < 2}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous page
              </button>
              <button
                type="button"
                className="ghost"
                disabled={!projects.pageInfo.hasNextPage || !projects.pageInfo.endCursor}
                onClick={() => setCursors((c) => [...c, projects.pageInfo.endCursor ?? undefined])}
              >
                Next page
              </button>
            </div>
          </>
        )}
      </section>
    </>
  );
}

type PortfolioProject = ResultOf<typeof PortfolioQuery>['projects']['nodes'][number];

/** One project: totals from the list; KPIs, rank and trend from its own query (cost-bounded). */
function PortfolioRow({
  project,
  trendWindow,
}: {
  project: PortfolioProject;
  trendWindow: { lastMonday: string; from: string; to: string };
}) {
  const [{ data, error }] = useQuery({
    query: PortfolioRowQuery,
    variables: { id: project.id, from: trendWindow.from, to: trendWindow.to },
  });
  const row = data?.project;
  const kpis = row?.kpis;
  const weeks = useMemo(
    () => weeklyTotals(row?.series ?? [], trendWindow.lastMonday, TREND_WEEKS),
    [row?.series, trendWindow.lastMonday],
  );
  const d = project.declaration;
  const pending = !row && !error;
  const dash = pending ? '…' : '–';
  const percentile = describePercentile(row?.perMinute);
  return (
    <tr data-project={project.id}>
      <th scope="row">
        <a href={href.project(project.id)}>{d?.name ?? project.id}</a>
        {d ? <span className="muted mono small"> {project.id}</span> : null}
      </th>
      <td>
        {d ? productionTypeLabel(d.productionType) : <span className="muted">undeclared</span>}
      </td>
      <td className="n">
        <Co2e grams={project.emissions.co2eG} testId="portfolio-co2e" />
        <span className="small muted">
          {' '}
          <Band lowG={project.emissions.lowG} highG={project.emissions.highG} />
        </span>
      </td>
      <td className="n">
        {kpis?.gPerFinishedMinute != null ? (
          <Co2e grams={kpis.gPerFinishedMinute} testId="portfolio-per-minute" />
        ) : (
          dash
        )}
      </td>
      <td className="n">
        {kpis?.gPerShootDay != null ? (
          <Co2e grams={kpis.gPerShootDay} testId="portfolio-per-shoot-day" />
        ) : (
          dash
        )}
      </td>
      <td className="n" data-testid="portfolio-rank">
        {row ? formatRank(row.perMinute) : dash}
        {percentile ? <span className="sr-only">, {percentile}</span> : null}
      </td>
      <td>
        {row ? (
          <Sparkline weeks={weeks} />
        ) : error ? (
          <span className="muted">unavailable</span>
        ) : (
          dash
        )}
      </td>
    </tr>
  );
}

/** A weekly sparkline; the SVG is decorative, the text beside it says the same. */
function Sparkline({ weeks }: { weeks: { week: string; co2eG: number }[] }) {
  const last = weeks[weeks.length - 1]?.co2eG ?? 0;
  const peak = weeks.reduce((a, w) => (w.co2eG > a.co2eG ? w : a), weeks[0]!);
  return (
    <span className="sparkline">
      <svg width="96" height="24" viewBox="-2 -2 100 28" aria-hidden="true" focusable="false">
        <polyline points={sparklinePoints(weeks, 96, 24)} />
      </svg>
      <span className="sr-only">
        Weekly CO₂e, highest {formatCo2e(peak.co2eG)} in the week of {peak.week}; this week{' '}
        {formatCo2e(last)}.
      </span>
    </span>
  );
}
