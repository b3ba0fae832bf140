import { useCallback, useContext, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ViewerContext } from '../viewer';
import { useQuery } from 'urql';
import { ProjectQuery, ProjectSciQuery, ProjectSeriesQuery } from '../queries';
import { useProjectArtifacts } from '../artifacts';
import { usePolling, type ClientConfig } from '../hooks';
import { rememberProject } from '../session';
import { href } from '../routes';
import { periodRange, pivotSeries, type Basis, type Granularity } from '../lib/series';
import { formatCount, formatShare, formatCo2e } from '../lib/format';
import { downloadReport } from '../download';
import { storedApiKey } from '../session';
import { Band, Co2e, Energy, Stat } from '../components/Figures';
import { ErrorState, Loading } from '../components/States';
import { FirstSpan } from '../components/FirstSpan';
import { SeriesChart } from '../components/SeriesChart';
import { ProjectKpis } from '../components/ProjectKpis';

const PERIODS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
] as const;

const GRANULARITIES: { value: Granularity; bucket: 'DAY' | 'WEEK' | 'MONTH'; label: string }[] = [
  { value: 'day', bucket: 'DAY', label: 'Daily' },
  { value: 'week', bucket: 'WEEK', label: 'Weekly' },
  { value: 'month', bucket: 'MONTH', label: 'Monthly' },
];

const DIMENSIONS = [
  { value: 'KIND', label: 'Activity kind' },
  { value: 'SCOPE', label: 'GHG scope' },
] as const;
type Dimension = (typeof DIMENSIONS)[number]['value'];

const BASES: { value: Basis; label: string }[] = [
  { value: 'location', label: 'Location-based' },
  { value: 'market', label: 'Market-based' },
];

/**
 * The project page: totals with bands, location vs market, data quality, KPIs with the tenant
 * benchmark, the API's series by kind or scope, scopes, SCI, top artifacts, downloads.
 */
export function ProjectPage({
  projectId,
  config,
  theme,
}: {
  projectId: string;
  config: ClientConfig | undefined;
  theme: string;
}) {
  const [periodDays, setPeriodDays] = useState<number>(90);
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [dimension, setDimension] = useState<Dimension>('KIND');
  const [basis, setBasis] = useState<Basis>('location');
  const today = new Date().toISOString().slice(0, 10);
  const range = useMemo(
    () => periodRange(periodDays, new Date(`${today}T12:00:00Z`)),
    [periodDays, today],
  );
  const [{ data, error, fetching }, refresh] = useQuery({
    query: ProjectQuery,
    variables: { id: projectId },
  });
  const bucket = GRANULARITIES.find((g) => g.value === granularity)!.bucket;
  const [seriesAnswer, refreshSeries] = useQuery({
    query: ProjectSeriesQuery,
    variables: { id: projectId, ...range, bucket, by: dimension },
  });
  const artifacts = useProjectArtifacts(projectId);
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [statementProblem, setStatementProblem] = useState<string>();
  useEffect(() => {
    if (data) setUpdatedAt(new Date());
  }, [data]);
  const poll = useCallback(() => {
    refresh({ requestPolicy: 'network-only' });
    refreshSeries({ requestPolicy: 'network-only' });
  }, [refresh, refreshSeries]);
  usePolling(poll);
  const project = data?.project;
  const tenant = useContext(ViewerContext)?.tenant;
  useEffect(() => {
    if (project && tenant) rememberProject(tenant, projectId);
  }, [project, projectId, tenant]);

  const apiSeries = seriesAnswer.data?.project?.series;
  const pivot = useMemo(
    () => pivotSeries(apiSeries ?? [], granularity, basis),
    [apiSeries, granularity, basis],
  );
  const series = pivot.rows;

  if (!data) {
    return error ? (
      <ErrorState error={error} what={`project ${projectId}`} />
    ) : (
      <Loading what={`project ${projectId}`} />
    );
  }
  if (!project) {
    return (
      <>
        <h1>
          Project <span className="mono">{projectId}</span>
        </h1>
        <p className="lede" data-testid="empty-project">
          No spans have arrived for this project yet. This page refreshes by itself: send one and
          watch it appear.
        </p>
        <FirstSpan
          config={config}
          projectId={projectId}
          heading="Send the first span of this project"
        />
      </>
    );
  }
  const e = project.emissions;
  const scopes = [...project.byScope].sort((a, b) => b.emissions.co2eG - a.emissions.co2eG);
  const activityCount = scopes.reduce((n, s) => n + s.activityCount, 0);
  const topArtifacts = [...(artifacts.artifacts ?? [])]
    .sort((a, b) => b.co2eG - a.co2eG)
    .slice(0, 10);
  const factorSet = data.projection.factorSetVersion ?? 'greenops-default (the shipped catalogue)';

  const downloadStatement = async (format: 'md' | 'json') => {
    const key = storedApiKey();
    if (!key) return;
    setStatementProblem(
      await downloadReport(
        `/reports/projects/${encodeURIComponent(projectId)}/statement.${format}`,
        key,
        `${projectId}-methodological-statement.${format}`,
      ),
    );
  };
  /** The gateway's report: totals by month, scope, category and kind with factor provenance. */
  const downloadProjectReport = async (format: 'csv' | 'json') => {
    const key = storedApiKey();
    if (!key) return;
    setStatementProblem(
      await downloadReport(
        `/reports/projects/${encodeURIComponent(projectId)}.${format}`,
        key,
        `${projectId}-report.${format}`,
      ),
    );
  };

  return (
    <>
      <div className="page-head">
        <h1>
          Project <span className="mono">{projectId}</span>
        </h1>
        <p className="live" aria-live="off">
          <span className="dot" aria-hidden="true" /> Live · updated{' '}
          <time dateTime={updatedAt?.toISOString()}>
            {updatedAt?.toLocaleTimeString('en-GB') ?? '…'}
          </time>
          {fetching ? ' · refreshing' : ''}
        </p>
        <p>
          <a href={href.whatIf(projectId)} data-testid="what-if-link">
            What if…? Recompute under another grid, PUE, resolution or shift
          </a>
        </p>
      </div>

      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">Total emissions</h2>
        <dl className="stats">
          <Stat
            label="Location-based (nominal)"
            note={
              <>
                range <Band lowG={e.lowG} highG={e.highG} testId="total-band" />
              </>
            }
          >
            <Co2e grams={e.co2eG} testId="total-co2e" />
          </Stat>
          <Stat label="Market-based" note="contracts and renewable purchases applied">
            <Co2e grams={e.co2eMarketG} testId="total-market" />
          </Stat>
          <Stat
            label="Energy (facility, PUE applied)"
            note={`${formatCount(activityCount)} activities`}
          >
            <Energy kwh={e.energyKwh} testId="total-energy" />
          </Stat>
        </dl>
        <table className="split">
          <caption>What the location-based total is made of</caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col" className="n">
                CO₂e
              </th>
              <th scope="col" className="n">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['Operational (energy × grid intensity, fuel, travel, hotels)', e.operationalG],
                ['Embodied (hardware and software, time share)', e.embodiedG],
                ['AI model training (allocated)', e.trainingG],
              ] as const
            ).map(([label, g]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="n">
                  <Co2e grams={g} />
                </td>
                <td className="n">{formatShare(g, e.co2eG)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="quality-heading">
        <h2 id="quality-heading">Data quality</h2>
        <p className="hint">
          Share of the location-based total by how it was obtained (Carbon Trust 2026, Table 7
          hierarchy): measured energy, modelled from activity data, or a proxy.
        </p>
        <dl className="stats" data-testid="data-quality">
          {(
            [
              ['Measured', project.dataQuality.measuredShare],
              ['Modelled', project.dataQuality.modelledShare],
              ['Proxy', project.dataQuality.proxyShare],
            ] as const
          ).map(([label, share]) => (
            <Stat key={label} label={label}>
              <data className="num" value={share}>
                {formatShare(share, 1)}
              </data>
            </Stat>
          ))}
        </dl>
      </section>

      <ProjectKpis projectId={projectId} />

      <section className="card" aria-labelledby="series-heading">
        <h2 id="series-heading">Over time</h2>
        <div className="controls">
          <label>
            Period{' '}
            <select value={periodDays} onChange={(ev) => setPeriodDays(Number(ev.target.value))}>
              {PERIODS.map((p) => (
                <option key={p.days} value={p.days}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented">
            <legend>Granularity</legend>
            {GRANULARITIES.map((g) => (
              <label key={g.value}>
                <input
                  type="radio"
                  name="granularity"
                  value={g.value}
                  checked={granularity === g.value}
                  onChange={() => setGranularity(g.value)}
                />
                {g.label}
              </label>
            ))}
          </fieldset>
          <fieldset className="segmented">
            <legend>Split by</legend>
            {DIMENSIONS.map((d) => (
              <label key={d.value}>
                <input
                  type="radio"
                  name="dimension"
                  value={d.value}
                  checked={dimension === d.value}
                  onChange={() => setDimension(d.value)}
                />
                {d.label}
              </label>
            ))}
          </fieldset>
          <fieldset className="segmented">
            <legend>Carbon</legend>
            {BASES.map((b) => (
              <label key={b.value}>
                <input
                  type="radio"
                  name="basis"
                  value={b.value}
                  checked={basis === b.value}
                  onChange={() => setBasis(b.value)}
                />
                {b.label}
              </label>
            ))}
          </fieldset>
        </div>
        {!apiSeries ? (
          seriesAnswer.error ? (
            <ErrorState error={seriesAnswer.error} what="the series" />
          ) : (
            <Loading what="the series" />
          )
        ) : series.length === 0 ? (
          <p>No emissions in this period.</p>
        ) : (
          <figure className="chart-figure">
            <figcaption>
              {GRANULARITIES.find((g) => g.value === granularity)!.label} emissions, kg CO₂e (
              {basis === 'market' ? 'market-based' : 'location-based'}), {series.length}{' '}
              {granularity === 'day' ? 'days' : granularity === 'week' ? 'weeks' : 'months'} with
              data; highest {formatCo2e(Math.max(...series.map((s) => s.co2eG)))}.
            </figcaption>
            <SeriesChart points={series} theme={theme} />
            <details>
              <summary>Show the numbers</summary>
              <div className="table-scroll">
                <table data-testid="series-table">
                  <caption className="sr-only">
                    CO₂e per {granularity} in total and by{' '}
                    {dimension === 'KIND' ? 'activity kind' : 'GHG scope'}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        {granularity === 'day' ? 'Day' : granularity === 'week' ? 'Week' : 'Month'}
                      </th>
                      <th scope="col" className="n">
                        CO₂e
                      </th>
                      <th scope="col" className="n">
                        Energy
                      </th>
                      {pivot.keys.map((k) => (
                        <th key={k} scope="col" className="n">
                          {k}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {series.map((p) => (
                      <tr key={p.start}>
                        <th scope="row">{p.label}</th>
                        <td className="n">
                          <Co2e grams={p.co2eG} />
                        </td>
                        <td className="n">
                          <Energy kwh={p.energyKwh} />
                        </td>
                        {pivot.keys.map((k) => (
                          <td key={k} className="n" data-key={k}>
                            {p.byKey[k] === undefined ? '–' : <Co2e grams={p.byKey[k]} />}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </figure>
        )}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="scope-heading">
          <h2 id="scope-heading">By GHG Protocol scope and category</h2>
          <table data-testid="scope-table">
            <thead>
              <tr>
                <th scope="col">Scope</th>
                <th scope="col">Category</th>
                <th scope="col" className="n">
                  Activities
                </th>
                <th scope="col" className="n">
                  CO₂e
                </th>
                <th scope="col" className="n">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {scopes.map((s) => (
                <tr key={`${s.scope}/${s.category}`}>
                  <td>{s.scope}</td>
                  <th scope="row">{s.category}</th>
                  <td className="n">{formatCount(s.activityCount)}</td>
                  <td className="n">
                    <Co2e grams={s.emissions.co2eG} />
                  </td>
                  <td className="n">
                    <span className="bar" aria-hidden="true">
                      <span style={{ width: `${(100 * s.emissions.co2eG) / (e.co2eG || 1)}%` }} />
                    </span>
                    {formatShare(s.emissions.co2eG, e.co2eG)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <Kpi
          projectId={projectId}
          kinds={[
            ...new Set(
              (artifacts.artifacts ?? []).map((a) => a.kind).filter((k): k is string => !!k),
            ),
          ].sort()}
        />
      </div>

      <section className="card" aria-labelledby="artifacts-heading">
        <h2 id="artifacts-heading">Top artifacts</h2>
        {artifacts.error && !artifacts.artifacts ? (
          <p role="alert" className="error">
            Could not load the artifacts: {artifacts.error}
          </p>
        ) : !artifacts.artifacts ? (
          <Loading what="artifacts" />
        ) : topArtifacts.length === 0 ? (
          <p>
            No artifacts: spans without <code>greenops.artifact.id</code> count toward the project
            only.
          </p>
        ) : (
          <table data-testid="artifact-table">
            <caption className="sr-only">
              The ten artifacts with the most emissions, everything that feeds into them included
            </caption>
            <thead>
              <tr>
                <th scope="col">Artifact</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="n">
                  CO₂e (incl. inputs)
                </th>
              </tr>
            </thead>
            <tbody>
              {topArtifacts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={href.artifact(projectId, a.id)}>{a.id}</a>
                  </th>
                  <td>{a.kind ?? '–'}</td>
                  <td>{a.status ?? '–'}</td>
                  <td className="n">
                    <Co2e grams={a.co2eG} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="method-heading">
        <h2 id="method-heading">Method and downloads</h2>
        <p data-testid="method-statement">
          Emissions are computed per activity with the Software Carbon Intensity specification (SCI,
          ISO/IEC 21031) and the Carbon Trust lifecycle method for AI video (&ldquo;The carbon
          impact of AI video generation&rdquo;, June 2026): facility energy (PUE applied) × grid
          intensity, plus embodied hardware and software and an allocation of model training;
          travel, hotels and fuel with DESNZ factors. Totals are location-based; the market-based
          figure applies the tenant&rsquo;s contract factors. Each figure carries a low–high
          uncertainty band. Factor set: <code>{factorSet}</code>, projection version{' '}
          {data.projection.currentVersion}. Full method: <code>docs/methodology.md</code>.
        </p>
        {statementProblem ? (
          <p role="alert" className="error">
            Could not download: {statementProblem}
          </p>
        ) : null}
        <div className="buttons">
          <button type="button" onClick={() => void downloadStatement('md')}>
            Methodological statement (Markdown)
          </button>
          <button type="button" onClick={() => void downloadStatement('json')}>
            Methodological statement (JSON)
          </button>
          <button type="button" onClick={() => void downloadProjectReport('csv')}>
            Report by month and kind (CSV)
          </button>
          <button type="button" onClick={() => void downloadProjectReport('json')}>
            Report by month and kind (JSON)
          </button>
        </div>
      </section>
    </>
  );
}

/** The functional unit shown first: shots when the project has them, else its first artifact kind. */
function defaultKind(kinds: readonly string[]): string | undefined {
  return ['shot', 'video', 'episode', 'spot'].find((k) => kinds.includes(k)) ?? kinds[0];
}

/** SCI per functional unit: the project's carbon per artifact of a kind (optionally with statuses). */
function Kpi({ projectId, kinds }: { projectId: string; kinds: string[] }) {
  const [chosen, setChosen] = useState<string>();
  const [statuses, setStatuses] = useState('');
  const [applied, setApplied] = useState<string[]>([]);
  const kind = chosen ?? defaultKind(kinds);
  const per = useMemo(
    () => ({ artifactKind: kind ?? '', ...(applied.length ? { artifactStatuses: applied } : {}) }),
    [kind, applied],
  );
  const [{ data, error, fetching }, refresh] = useQuery({
    query: ProjectSciQuery,
    variables: { id: projectId, per },
    pause: !kind,
  });
  const poll = useCallback(() => {
    if (kind) refresh({ requestPolicy: 'network-only' });
  }, [refresh, kind]);
  usePolling(poll);
  const apply = (ev: FormEvent) => {
    ev.preventDefault();
    setApplied(
      statuses
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  };
  const sci = data?.project?.sci;
  return (
    <section className="card" aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">KPI: carbon per functional unit (SCI)</h2>
      {kinds.length === 0 ? (
        <p>
          A KPI counts artifacts of a kind (<code>greenops.artifact.kind</code>, e.g.{' '}
          <code>shot</code>): this project has none yet.
        </p>
      ) : (
        <form className="inline-form" onSubmit={apply}>
          <label htmlFor="kpi-kind">Per artifact of kind</label>
          <select id="kpi-kind" value={kind} onChange={(ev) => setChosen(ev.target.value)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <label htmlFor="kpi-statuses">Only with statuses (comma-separated, optional)</label>
          <input
            id="kpi-statuses"
            value={statuses}
            onChange={(ev) => setStatuses(ev.target.value)}
            placeholder="approved, final"
          />
          <button type="submit">Apply</button>
        </form>
      )}
      {!kind ? null : sci ? (
        <dl className="stats">
          <Stat
            label={`Per ${sci.functionalUnit}`}
            note={
              <>
                range <Band lowG={sci.lowGPerUnit} highG={sci.highGPerUnit} />
              </>
            }
          >
            <Co2e grams={sci.co2eGPerUnit} testId="kpi-value" />
          </Stat>
          <Stat
            label="Units (R)"
            note={`market-based ${formatCo2e(sci.co2eMarketGPerUnit)} per unit`}
          >
            <data className="num" value={sci.quantity}>
              {formatCount(sci.quantity)}
            </data>
          </Stat>
        </dl>
      ) : error ? (
        <p role="alert" className="error">
          No KPI for this unit: {error.graphQLErrors[0]?.message ?? error.message}
        </p>
      ) : fetching ? (
        <Loading what="the KPI" />
      ) : null}
    </section>
  );
}
