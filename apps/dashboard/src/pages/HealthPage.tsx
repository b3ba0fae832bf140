import { useCallback, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { HealthQuery, PlatformHealthQuery, PublishFactorSetMutation } from '../queries';
import { usePolling } from '../hooks';
import { useHasRole } from '../viewer';
import { formatCount, formatShare, formatSignificant } from '../lib/format';
import { ErrorState, Loading, describeError } from '../components/States';
import { DataTable, Instant } from '../components/DataTable';
import { Stat } from '../components/Figures';
import type { ResultOf } from '../graphql';

type IngestRate = ResultOf<typeof HealthQuery>['projection']['ingestRate'];

/** Spans a minute the tenant's ingest accepted and rejected over the last hour (the API's counts). */
function IngestRateCard({ rate }: { rate: IngestRate }) {
  return (
    <section className="card" aria-labelledby="ingest-heading">
      <h2 id="ingest-heading">Ingest rate</h2>
      <dl className="stats" data-testid="ingest-rate">
        <Stat
          label="Accepted spans a minute"
          note={`${formatCount(rate.acceptedSpans)} in the last ${rate.windowMinutes} minutes`}
        >
          <data value={rate.acceptedPerMinute} data-testid="ingest-accepted">
            {formatSignificant(rate.acceptedPerMinute)}
          </data>
        </Stat>
        <Stat
          label="Rejected spans a minute"
          note={`${formatCount(rate.rejectedSpans)} in the last ${rate.windowMinutes} minutes`}
        >
          <data value={rate.rejectedPerMinute} data-testid="ingest-rejected">
            {formatSignificant(rate.rejectedPerMinute)}
          </data>
        </Stat>
      </dl>
      <p className="hint">
        Accepted: spans the served projection counts, by when ingest received them. Rejected: spans
        refused with a reason (below). Window <Instant iso={rate.from} /> –{' '}
        <Instant iso={rate.until} /> UTC.
      </p>
    </section>
  );
}

/**
 * Platform health: projection status and rebuild progress, projector instances with their
 * partitions and lag (admin), rejected spans with reasons, factor sets.
 */
export function HealthPage() {
  const [{ data, error }, refresh] = useQuery({ query: HealthQuery });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const isAdmin = useHasRole('admin');
  if (!data)
    return error ? (
      <ErrorState error={error} what="platform health" />
    ) : (
      <Loading what="platform health" />
    );
  const { projection, rejectedSpans, factorSets } = data;
  const building = projection.building;
  return (
    <>
      <h1>Platform health</h1>
      <section className="card" aria-labelledby="projection-heading">
        <h2 id="projection-heading">Projection</h2>
        <p data-testid="projection-status">
          Serving projection version <strong>{projection.currentVersion}</strong> with factor set{' '}
          <code>{projection.factorSetVersion ?? 'greenops-default (shipped catalogue)'}</code>.
        </p>
        {building ? (
          <div data-testid="rebuild">
            <label htmlFor="rebuild">
              Rebuilding version {building.version} with factor set{' '}
              <code>{building.factorSetVersion}</code>: {building.partitionsDone} of{' '}
              {building.partitions} partitions
            </label>
            <progress id="rebuild" max={building.partitions} value={building.partitionsDone} />{' '}
            {formatShare(building.partitionsDone, building.partitions)} done
          </div>
        ) : (
          <p>No rebuild in progress.</p>
        )}
      </section>

      <IngestRateCard rate={projection.ingestRate} />

      {isAdmin ? <Projectors /> : null}

      <section className="card" aria-labelledby="rejected-heading">
        <h2 id="rejected-heading">Rejected spans</h2>
        {rejectedSpans.length === 0 ? (
          <p data-testid="no-rejections">
            No span has been rejected. Spans the platform cannot use are listed here with the
            attribute at fault.
          </p>
        ) : (
          <DataTable
            testId="rejected-table"
            caption={`The ${formatCount(rejectedSpans.length)} most recent, newest first`}
            rows={rejectedSpans}
            rowKey={(r) => `${r.traceId}/${r.spanId}/${r.rejectedAt}`}
            columns={[
              { header: 'When (UTC)', cell: (r) => <Instant iso={r.rejectedAt} /> },
              { header: 'Span', cell: (r) => r.spanName, rowHeader: true },
              { header: 'Field', cell: (r) => <code>{r.field}</code> },
              { header: 'Reason', cell: (r) => r.reason },
            ]}
          />
        )}
      </section>

      <section className="card" aria-labelledby="factors-heading">
        <h2 id="factors-heading">Factor sets</h2>
        {factorSets.length === 0 ? (
          <p>The tenant uses the shipped factor catalogue (no published set).</p>
        ) : (
          <DataTable
            rows={factorSets}
            rowKey={(f) => f.version}
            columns={[
              { header: 'Name', cell: (f) => f.name, rowHeader: true },
              { header: 'Version', cell: (f) => <code>{f.version}</code> },
              { header: 'Published (UTC)', cell: (f) => <Instant iso={f.publishedAt} /> },
              { header: 'Factors', numeric: true, cell: (f) => formatCount(f.factors.length) },
            ]}
          />
        )}
        {isAdmin ? <PublishFactorSet /> : null}
      </section>
    </>
  );
}

/** Admin action: publish a factor set (its data is then recomputed). Shown to `admin` keys only. */
function PublishFactorSet() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [factors, setFactors] = useState(
    '[{ "id": "grid.market.GB", "value": 50, "unit": "gCO2e/kWh", "source": "Studio supply contract", "year": 2026 }]',
  );
  const [problem, setProblem] = useState<string>();
  const [result, publish] = useMutation(PublishFactorSetMutation);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="action-publish-factor-set">
        Publish a factor set…
      </button>
    );
  }
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(factors);
    } catch (e) {
      setProblem(`Factors are not valid JSON: ${(e as Error).message}`);
      return;
    }
    if (!Array.isArray(parsed)) {
      setProblem('Factors must be a JSON array of { id, value, unit, source, year }.');
      return;
    }
    setProblem(undefined);
    const answer = await publish({ input: { name, factors: parsed, extendLatest: true } });
    if (answer.error) setProblem(describeError(answer.error).message);
  };
  return (
    <form onSubmit={submit} className="stack">
      <label htmlFor="fs-name">Name</label>
      <input id="fs-name" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="fs-factors">Factors (JSON; added to the latest set)</label>
      <textarea
        id="fs-factors"
        rows={4}
        value={factors}
        onChange={(e) => setFactors(e.target.value)}
      />
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {result.data ? (
        <p role="status">
          Published <code>{result.data.publishFactorSet.version}</code> (
          {result.data.publishFactorSet.factorCount} factors): the tenant&rsquo;s figures are being
          recomputed.
        </p>
      ) : null}
      <div className="buttons">
        <button type="submit" disabled={result.fetching}>
          Publish
        </button>
        <button type="button" className="ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Projector instances (distributed mode): which consumer group and instance owns which
 * partitions, and each partition's lag. Platform-wide, so asked for with admin keys only.
 */
function Projectors() {
  const [{ data, error }, refresh] = useQuery({ query: PlatformHealthQuery });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const projectors = data?.platformHealth.projectors;
  return (
    <section className="card" aria-labelledby="projectors-heading">
      <h2 id="projectors-heading">Projectors and lag</h2>
      {!projectors ? (
        error ? (
          <ErrorState error={error} what="the projectors" />
        ) : (
          <Loading what="the projectors" />
        )
      ) : projectors.length === 0 ? (
        <p data-testid="no-projectors">
          No projector instance reports here: the embedded platform projects in-process (it has no
          consumer group). In distributed mode each instance, its partitions and lag show here.
        </p>
      ) : (
        <table data-testid="projector-table">
          <caption className="sr-only">
            Projector instances by consumer group, the partitions each owns and their lag
          </caption>
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Group</th>
              <th scope="col">State</th>
              <th scope="col">Partitions (lag)</th>
              <th scope="col" className="n">
                Total lag
              </th>
              <th scope="col">Last seen (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {projectors.map((p) => {
              const known = p.partitions.filter((x) => x.lag !== null);
              const lag = known.reduce((n, x) => n + (x.lag ?? 0), 0);
              return (
                <tr key={`${p.group}/${p.instanceId}`}>
                  <th scope="row" className="mono">
                    {p.instanceId} <span className="muted small">{p.host}</span>
                  </th>
                  <td className="mono">{p.group}</td>
                  <td>
                    {p.state}
                    {p.stale ? <span className="tag tag-discarded"> stale</span> : null}
                  </td>
                  <td>
                    {p.partitions.length === 0
                      ? 'none'
                      : p.partitions
                          .map(
                            (x) => `${x.partition} (${x.lag === null ? '?' : formatCount(x.lag)})`,
                          )
                          .join(', ')}
                  </td>
                  <td className="n">{known.length ? formatCount(lag) : '–'}</td>
                  <td>{p.lastSeen.replace('T', ' ').slice(0, 19)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
