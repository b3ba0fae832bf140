import { useCallback } from 'react';
import { useQuery } from 'urql';
import { ProjectKpisQuery } from '../queries';
import type { ResultOf } from '../graphql';
import { usePolling } from '../hooks';
import { formatCo2e, formatCount, formatShare, formatSignificant } from '../lib/format';
import { describePercentile, formatRank, productionTypeLabel } from '../lib/standing';
import { Co2e, Stat } from './Figures';
import { ErrorState, Loading } from './States';

type Benchmark = NonNullable<ResultOf<typeof ProjectKpisQuery>['project']>['total'];

/** A figure in g CO2e with its exact value kept (or a dash), tagged for the browser tests. */
function Grams({ value, field }: { value: number | null | undefined; field: string }) {
  if (value === null || value === undefined) return <span data-field={field}>–</span>;
  return (
    <data className="num" value={value} data-field={field}>
      {formatCo2e(value)}
    </data>
  );
}

/**
 * KPIs per functional unit (docs/insights.md §3) with the tenant benchmark beside each
 * (§4: rank 1 is the lowest among the tenant's declared projects of the same production type,
 * quartiles by linear interpolation), the cost of iteration and the split by activity kind.
 */
export function ProjectKpis({ projectId }: { projectId: string }) {
  const [{ data, error }, refresh] = useQuery({
    query: ProjectKpisQuery,
    variables: { id: projectId },
  });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const project = data?.project;
  if (!project) {
    return (
      <section className="card" aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">KPIs and benchmark</h2>
        {error ? <ErrorState error={error} what="the KPIs" /> : <Loading what="the KPIs" />}
      </section>
    );
  }
  const { kpis, declaration: d } = project;
  const rows: Array<{
    kpi: string;
    label: string;
    value: number | null;
    note?: string;
    benchmark: Benchmark | null;
  }> = [
    { kpi: 'CO2E_TOTAL', label: 'Total', value: kpis.co2eG, benchmark: project.total },
    {
      kpi: 'G_PER_FINISHED_MINUTE',
      label: 'Per finished minute',
      value: kpis.gPerFinishedMinute,
      note:
        kpis.finishedMinutes === null
          ? undefined
          : `${formatSignificant(kpis.finishedMinutes)} min, ${
              kpis.finishedMinutesSource === 'DECLARED' ? 'declared' : 'final artifacts'
            }`,
      benchmark: project.perMinute,
    },
    {
      kpi: 'G_PER_SHOOT_DAY',
      label: 'Per shoot day',
      value: kpis.gPerShootDay,
      note: kpis.shootDays === null ? undefined : `${formatSignificant(kpis.shootDays)} days`,
      benchmark: project.perShootDay,
    },
    {
      kpi: 'G_PER_EPISODE',
      label: 'Per episode',
      // Project.kpis has no per-episode ratio: the benchmark's value is the project's own.
      value: project.perEpisode?.value ?? null,
      note: d?.episodes ? `${formatCount(d.episodes)} episodes` : undefined,
      benchmark: project.perEpisode,
    },
  ];
  const byKind = [...kpis.byKind].sort((a, b) => b.co2eG - a.co2eG);
  return (
    <section className="card" aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">KPIs and benchmark</h2>
      {d ? (
        <p data-testid="declaration">
          Declared as <strong>{productionTypeLabel(d.productionType)}</strong> ({d.name})
          {d.finishedMinutes != null
            ? `, ${formatSignificant(d.finishedMinutes)} finished minutes`
            : ''}
          {d.shootDays != null ? `, ${formatSignificant(d.shootDays)} shoot days` : ''}. Benchmarked
          against the tenant&rsquo;s other {productionTypeLabel(d.productionType)} projects.
        </p>
      ) : (
        <p className="hint" data-testid="undeclared">
          Not declared: declare the project (<code>declareProject</code>, role admin) with its
          production type, finished minutes and shoot days to get KPIs per unit and a benchmark.
        </p>
      )}
      <div className="table-scroll">
        <table data-testid="kpi-table">
          <caption className="sr-only">
            KPIs, location-based, with the rank among the tenant&rsquo;s projects of the same
            production type (1 = lowest) and the cohort&rsquo;s median and quartiles
          </caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col" className="n">
                This project
              </th>
              <th scope="col" className="n">
                Rank in type
              </th>
              <th scope="col" className="n">
                Median
              </th>
              <th scope="col" className="n">
                Quartiles (Q1 – Q3)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const percentile = describePercentile(r.benchmark);
              return (
                <tr key={r.kpi} data-kpi={r.kpi}>
                  <th scope="row">
                    {r.label}
                    {r.note ? <span className="benchmark">{r.note}</span> : null}
                  </th>
                  <td className="n">
                    <Grams value={r.value} field="value" />
                  </td>
                  <td className="n">
                    <span data-field="rank">{formatRank(r.benchmark)}</span>
                    {percentile ? <span className="benchmark">{percentile}</span> : null}
                  </td>
                  <td className="n">
                    <Grams value={r.benchmark?.cohort.median} field="median" />
                  </td>
                  <td className="n">
                    <Grams value={r.benchmark?.cohort.q1} field="q1" /> –{' '}
                    <Grams value={r.benchmark?.cohort.q3} field="q3" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h3>Iteration and compute</h3>
      <dl className="stats">
        <Stat
          label="Discarded work"
          note={`${kpis.discardedShare === null ? '–' : formatShare(kpis.discardedShare, 1)} of the total`}
        >
          <Co2e grams={kpis.discardedG} testId="kpi-discarded" />
        </Stat>
        <Stat
          label="Iterations per approved shot"
          note={`${formatCount(kpis.iterations)} versions, ${formatCount(kpis.approvedShots)} approved`}
        >
          <data className="num" value={kpis.iterationsPerApprovedShot ?? ''}>
            {kpis.iterationsPerApprovedShot === null
              ? '–'
              : formatSignificant(kpis.iterationsPerApprovedShot)}
          </data>
        </Stat>
        <Stat label="GPU-hours" note="catalogued GPUs × count × hours">
          <data className="num" value={kpis.gpuHours}>
            {formatSignificant(kpis.gpuHours)} h
          </data>
        </Stat>
      </dl>

      <h3>By activity kind</h3>
      <table data-testid="kind-table">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="n">
              Activities
            </th>
            <th scope="col" className="n">
              Location-based
            </th>
            <th scope="col" className="n">
              Market-based
            </th>
            <th scope="col" className="n">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {byKind.map((k) => (
            <tr key={k.key} data-kind={k.key}>
              <th scope="row">{k.key}</th>
              <td className="n">{formatCount(k.activityCount)}</td>
              <td className="n">
                <Co2e grams={k.co2eG} />
              </td>
              <td className="n">
                <Co2e grams={k.co2eMarketG} />
              </td>
              <td className="n">{k.share === null ? '–' : formatShare(k.share, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
