import { useCallback } from 'react';
import { useQuery } from 'urql';
import { ArtifactDetailQuery } from '../queries';
import { usePolling } from '../hooks';
import { formatBytes, formatShare, formatSignificant } from '../lib/format';
import { Band, Co2e, Stat } from './Figures';
import { ErrorState, Loading } from './States';
import { DataTable } from './DataTable';
import { ArtifactActivities } from './ArtifactActivities';

const utc = (iso: string) => iso.replace('T', ' ').slice(0, 19);

/**
 * The drill-down's API figures (docs/insights.md §2): the cost of iteration over the whole
 * roll-up (delivered, discarded, in progress), SCI per unit, the status history, the holdings,
 * the artifact's own activities with their method tier and factors.
 */
export function ArtifactDetail({
  projectId,
  artifactId,
}: {
  projectId: string;
  artifactId: string;
}) {
  const [{ data, error }, refresh] = useQuery({
    query: ArtifactDetailQuery,
    variables: { projectId, id: artifactId },
  });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const a = data?.artifact;
  if (!a) {
    return error ? (
      <ErrorState error={error} what="the artifact's details" />
    ) : data ? null : (
      <Loading what="the artifact's details" />
    );
  }
  const it = a.iteration;
  const scis = [
    { key: 'ARTIFACT', label: 'Per artifact', sci: a.perArtifact },
    { key: 'MINUTE', label: 'Per minute of its stated duration', sci: a.perMinute },
    { key: 'APPROVED_CHILD', label: 'Per approved or final direct child', sci: a.perApprovedChild },
  ];
  return (
    <>
      <section className="card" aria-labelledby="cost-heading">
        <h2 id="cost-heading">Cost of iteration</h2>
        <p className="hint">
          The roll-up split by what became of each artifact in it: delivered (approved, final),
          discarded (rejected, superseded, discarded, abandoned), in progress.
        </p>
        <dl className="stats" data-testid="iteration">
          <Stat label="Delivered">
            <Co2e grams={it.deliveredG} testId="iteration-delivered" />
          </Stat>
          <Stat
            label="Discarded"
            note={`${it.discardedShare === null ? '–' : formatShare(it.discardedShare, 1)} of the roll-up`}
          >
            <Co2e grams={it.discardedG} testId="iteration-discarded" />
          </Stat>
          <Stat label="In progress">
            <Co2e grams={it.inProgressG} testId="iteration-in-progress" />
          </Stat>
        </dl>
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="sci-heading">
          <h2 id="sci-heading">SCI per unit</h2>
          <table data-testid="artifact-sci">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col" className="n">
                  Units (R)
                </th>
                <th scope="col" className="n">
                  CO₂e per unit
                </th>
              </tr>
            </thead>
            <tbody>
              {scis.map(({ key, label, sci }) => (
                <tr key={key} data-unit={key}>
                  <th scope="row">{label}</th>
                  <td className="n">{sci ? formatSignificant(sci.quantity) : '–'}</td>
                  <td className="n">
                    {sci ? (
                      <>
                        <Co2e grams={sci.co2eGPerUnit} />{' '}
                        <span className="benchmark">
                          <Band lowG={sci.lowGPerUnit} highG={sci.highGPerUnit} />
                        </span>
                      </>
                    ) : (
                      <span className="muted">unknown or 0</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading">Status history</h2>
          {a.statusHistory.length === 0 ? (
            <p>No status stated yet.</p>
          ) : (
            <ol className="history" data-testid="status-history">
              {a.statusHistory.map((h, i) => (
                <li key={`${h.changedAt}/${i}`}>
                  <time dateTime={h.changedAt}>{utc(h.changedAt)}</time> <strong>{h.status}</strong>{' '}
                  <span className="muted small">
                    {h.source === 'mutation' ? 'set by hand' : 'from a span'}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      {a.holdings.length > 0 ? (
        <section className="card" aria-labelledby="artifact-holdings-heading">
          <h2 id="artifact-holdings-heading">Held on storage</h2>
          <DataTable
            rows={a.holdings}
            rowKey={(h) => `${h.storageSystem}/${h.media}`}
            columns={[
              {
                header: 'System',
                rowHeader: true,
                cell: (h) => <span className="mono">{h.storageSystem}</span>,
              },
              { header: 'Media', cell: (h) => h.media },
              { header: 'Bytes', numeric: true, cell: (h) => formatBytes(h.bytes) },
              {
                header: 'CO₂e a day',
                numeric: true,
                cell: (h) => <Co2e grams={h.co2eGPerDay.nominal} />,
              },
            ]}
          />
        </section>
      ) : null}

      <ArtifactActivities projectId={projectId} artifactId={artifactId} />
    </>
  );
}
