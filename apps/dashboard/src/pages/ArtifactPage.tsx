import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';
import { ArtifactQuery } from '../queries';
import { useProjectArtifacts } from '../artifacts';
import { usePolling } from '../hooks';
import { href } from '../routes';
import {
  ancestors,
  lineageTree,
  outcomeOf,
  splitIterations,
  type ArtifactLike,
  type LineageNode,
} from '../lib/lineage';
import { formatCount } from '../lib/format';
import { Band, Co2e, Energy, Stat } from '../components/Figures';
import { ErrorState, Loading } from '../components/States';
import { ArtifactDetail } from '../components/ArtifactDetail';

/**
 * Artifact drill-down: its roll-up, cost of iteration, SCI per unit, status history, holdings,
 * where it sits, what fed into it, kept vs discarded direct iterations.
 */
export function ArtifactPage({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const [{ data, error }, refresh] = useQuery({
    query: ArtifactQuery,
    variables: { projectId, id: artifactId },
  });
  const list = useProjectArtifacts(projectId);
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const flat: ArtifactLike[] = useMemo(() => list.artifacts ?? [], [list.artifacts]);
  const tree = useMemo(() => lineageTree(flat, artifactId), [flat, artifactId]);
  const chain = useMemo(() => ancestors(flat, artifactId).reverse(), [flat, artifactId]);

  if (!data)
    return error ? (
      <ErrorState error={error} what={`artifact ${artifactId}`} />
    ) : (
      <Loading what={`artifact ${artifactId}`} />
    );
  const a = data.artifact;
  if (!a) {
    return (
      <section className="card">
        <h1>
          Artifact <span className="mono">{artifactId}</span>
        </h1>
        <p>
          No spans name this artifact in project <a href={href.project(projectId)}>{projectId}</a>{' '}
          (yet).
        </p>
      </section>
    );
  }
  const split = tree ? splitIterations(tree) : undefined;
  const truncated = list.truncated;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <a href={href.project(projectId)}>{projectId}</a>
          </li>
          {chain.map((p) => (
            <li key={p.id}>
              <a href={href.artifact(projectId, p.id)}>{p.id}</a>
            </li>
          ))}
          <li aria-current="page">{a.id}</li>
        </ol>
      </nav>
      <h1>
        Artifact <span className="mono">{a.id}</span>
      </h1>
      <section className="card" aria-labelledby="artifact-totals">
        <h2 id="artifact-totals">This artifact and everything that feeds into it</h2>
        <dl className="stats">
          <Stat
            label="Location-based (nominal)"
            note={
              <>
                range <Band lowG={a.emissions.lowG} highG={a.emissions.highG} />
              </>
            }
          >
            <Co2e grams={a.emissions.co2eG} testId="artifact-co2e" />
          </Stat>
          <Stat label="Market-based">
            <Co2e grams={a.emissions.co2eMarketG} />
          </Stat>
          <Stat
            label="Energy"
            note={`${formatCount(a.activityCount)} activities · ${a.kind ?? 'no kind'} · ${a.status ?? 'no status'}`}
          >
            <Energy kwh={a.emissions.energyKwh} />
          </Stat>
        </dl>
        <p>
          Operational <Co2e grams={a.emissions.operationalG} />, embodied{' '}
          <Co2e grams={a.emissions.embodiedG} />, model training{' '}
          <Co2e grams={a.emissions.trainingG} />.
        </p>
      </section>

      <ArtifactDetail projectId={projectId} artifactId={a.id} />

      {split && tree && tree.children.length > 0 ? (
        <section className="card" aria-labelledby="iterations-heading">
          <h2 id="iterations-heading">Direct iterations: kept vs discarded</h2>
          <dl className="stats">
            <Stat label={`Kept (approved, final): ${split.kept.count}`}>
              <Co2e grams={split.kept.co2eG} testId="kept-co2e" />
            </Stat>
            <Stat label={`Discarded (rejected): ${split.discarded.count}`}>
              <Co2e grams={split.discarded.co2eG} testId="discarded-co2e" />
            </Stat>
            <Stat label={`Other (draft, no status): ${split.other.count}`}>
              <Co2e grams={split.other.co2eG} />
            </Stat>
          </dl>
        </section>
      ) : null}

      <section className="card" aria-labelledby="lineage-heading">
        <h2 id="lineage-heading">Lineage</h2>
        {list.error && !list.artifacts ? (
          <p role="alert" className="error">
            Could not load the lineage: {list.error}
          </p>
        ) : !tree ? (
          <Loading what="the lineage" />
        ) : tree.children.length === 0 ? (
          <p>Nothing feeds into this artifact: its activities are its own.</p>
        ) : (
          // Nested lists: screen readers announce the nesting level and item counts, and every
          // artifact is a link reached with Tab (no tree widget to learn).
          <ul className="tree" aria-label={`Lineage of ${a.id}`} data-testid="lineage">
            <LineageItem node={tree} projectId={projectId} />
          </ul>
        )}
        {truncated ? (
          <p className="hint">Lineage drawn from the project&rsquo;s first 500 artifacts.</p>
        ) : null}
        <p className="hint">
          Each activity&rsquo;s method tier and factors will be listed here when the API serves an
          artifact&rsquo;s facts; the project&rsquo;s methods and factors are in its methodological
          statement.
        </p>
      </section>
    </>
  );
}

function LineageItem({ node, projectId }: { node: LineageNode; projectId: string }) {
  const a = node.artifact;
  const outcome = outcomeOf(a.status);
  return (
    <li>
      <span className="tree-row">
        <a href={href.artifact(projectId, a.id)}>{a.id}</a>
        <span className="muted">{a.kind ?? ''}</span>
        {a.status ? <span className={`tag tag-${outcome}`}>{a.status}</span> : null}
        <Co2e grams={a.co2eG} />
      </span>
      {node.children.length > 0 ? (
        <ul aria-label={`What feeds into ${a.id}`}>
          {node.children.map((c) => (
            <LineageItem key={c.artifact.id} node={c} projectId={projectId} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
