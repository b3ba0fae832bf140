import { useState } from 'react';
import { useQuery } from 'urql';
import { ArtifactActivitiesQuery } from '../queries';
import type { ResultOf } from '../graphql';
import { formatSignificant } from '../lib/format';
import { Band, Co2e, Energy } from './Figures';
import { DataTable, Instant, type Column } from './DataTable';
import { ErrorState, Loading } from './States';

type Activity = NonNullable<
  ResultOf<typeof ArtifactActivitiesQuery>['artifact']
>['activities']['nodes'][number];

const COLUMNS: Column<Activity>[] = [
  { header: 'When (UTC)', cell: (a) => <Instant iso={a.occurredAt} />, testId: 'activity-when' },
  { header: 'Kind', cell: (a) => a.kind, rowHeader: true, testId: 'activity-kind' },
  {
    header: 'Method tier',
    testId: 'activity-tier',
    cell: (a) => (
      <>
        {a.tier} <span className="muted small mono">{a.modelId}</span>
      </>
    ),
  },
  {
    header: 'Factors (source, year)',
    testId: 'activity-factors',
    cell: (a) =>
      a.factors.length === 0 ? (
        <span className="muted">none cited</span>
      ) : (
        <ul className="plain">
          {a.factors.map((f) => (
            <li key={f.id} data-factor={f.id}>
              <code>{f.id}</code>
              {f.value === null ? (
                <span className="muted small"> (not in factor set {a.factorSetVersion})</span>
              ) : (
                <>
                  {' '}
                  = {formatSignificant(f.value)} {f.unit}{' '}
                  <span className="muted small">
                    {f.source}, {f.year}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      ),
  },
  {
    header: 'Energy',
    numeric: true,
    cell: (a) => <Energy kwh={a.energyKwh} testId="activity-energy" />,
  },
  {
    header: 'CO₂e (band)',
    numeric: true,
    cell: (a) => (
      <>
        <Co2e grams={a.co2eG} testId="activity-co2e" />{' '}
        <span className="benchmark">
          <Band lowG={a.lowG} highG={a.highG} />
        </span>
      </>
    ),
  },
];

/**
 * The artifact's own activities, a page of 20 at a time (Artifact.activities): what each was,
 * its method tier (data quality) and the factors, with sources, its figures were computed with.
 */
export function ArtifactActivities({
  projectId,
  artifactId,
}: {
  projectId: string;
  artifactId: string;
}) {
  // Cursors of the pages before the one shown: Previous pops, Next pushes.
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const after = cursors.length ? cursors[cursors.length - 1]! : null;
  const [{ data, error }] = useQuery({
    query: ArtifactActivitiesQuery,
    variables: { projectId, id: artifactId, after },
  });
  const page = data?.artifact?.activities;
  return (
    <section className="card" aria-labelledby="activities-heading">
      <h2 id="activities-heading">Activities</h2>
      <p className="hint">
        This artifact&apos;s own activities (those of artifacts feeding it are on their pages),
        oldest first: method tier and the factors used, as the served projection counts them.
      </p>
      {!page ? (
        error ? (
          <ErrorState error={error} what="the activities" />
        ) : data ? null : (
          <Loading what="the activities" />
        )
      ) : page.nodes.length === 0 ? (
        <p data-testid="no-activities">No activity names this artifact itself.</p>
      ) : (
        <>
          <DataTable
            testId="activity-table"
            rowTestId="activity"
            caption={`Page ${cursors.length + 1}`}
            rows={page.nodes}
            rowKey={(a) => a.eventId}
            columns={COLUMNS}
          />
          <div className="buttons">
            <button
              type="button"
              className="ghost"
              disabled={cursors.length === 0}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Previous page
            </button>
            <button
              type="button"
              className="ghost"
              disabled={!page.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, page.pageInfo.endCursor])}
            >
              Next page
            </button>
          </div>
        </>
      )}
    </section>
  );
}
