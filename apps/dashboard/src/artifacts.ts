import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { ProjectArtifactsQuery } from './queries';
import type { ArtifactLike } from './lib/lineage';
import { usePolling } from './hooks';

/** Artifacts per GraphQL page: 25 keeps one page well under the gateway's query-cost limit (1000). */
export const ARTIFACT_PAGE_SIZE = 25;
/** The artifact list is re-read less often than the totals: it takes a request per page. */
export const ARTIFACT_POLL_MS = 15_000;
/** Pages read at most (500 artifacts): enough for an episode's lineage, bounded for the gateway. */
export const MAX_ARTIFACT_PAGES = 20;

export interface ArtifactList {
  artifacts: ArtifactLike[] | undefined;
  /** More artifacts exist than were read. */
  truncated: boolean;
  error: string | undefined;
}

/** Every artifact of a project (up to MAX_ARTIFACT_PAGES pages), re-read on each live poll. */
export function useProjectArtifacts(projectId: string): ArtifactList {
  const client = useClient();
  const [state, setState] = useState<ArtifactList>({
    artifacts: undefined,
    truncated: false,
    error: undefined,
  });
  const load = useCallback(async () => {
    const all: ArtifactLike[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_ARTIFACT_PAGES; page++) {
      const r = await client
        .query(
          ProjectArtifactsQuery,
          { id: projectId, first: ARTIFACT_PAGE_SIZE, after },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (r.error)
        return setState((s) => ({
          ...s,
          error: r.error!.graphQLErrors[0]?.message ?? r.error!.message,
        }));
      const conn = r.data?.project?.artifacts;
      if (!conn) return setState({ artifacts: all, truncated: false, error: undefined });
      for (const a of conn.nodes) {
        all.push({
          id: a.id,
          parentId: a.parentId ?? null,
          kind: a.kind ?? null,
          status: a.status ?? null,
          co2eG: a.emissions.co2eG,
        });
      }
      if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) {
        return setState({ artifacts: all, truncated: false, error: undefined });
      }
      after = conn.pageInfo.endCursor;
    }
    setState({ artifacts: all, truncated: true, error: undefined });
  }, [client, projectId]);
  useEffect(() => {
    setState({ artifacts: undefined, truncated: false, error: undefined });
    void load();
  }, [load]);
  const poll = useCallback(() => void load(), [load]);
  usePolling(poll, ARTIFACT_POLL_MS);
  return state;
}
