import DataLoader from 'dataloader';
import type { EmissionsTotals, GatewayQueries } from '../gateway-queries.port';
import type { GatewayRequest } from '../auth/tenant-context';

const loaders = new WeakMap<GatewayRequest, DataLoader<string, EmissionsTotals>>();

/**
 * One set-based roll-up statement per page of artifacts per request: the loader collects every
 * artifact the page's fields ask for in one tick (`emissions` and `activityCount` share it) and
 * reads them all with one recursive walk over the lineage (artifactTotalsMany).
 */
export function loadArtifactTotals(
  req: GatewayRequest,
  queries: GatewayQueries,
  tenant: string,
  projectId: string,
  artifactId: string,
): Promise<EmissionsTotals> {
  let loader = loaders.get(req);
  if (!loader) {
    loader = new DataLoader<string, EmissionsTotals>(
      (keys) =>
        queries.artifactTotalsMany(
          tenant,
          keys.map((key) => {
            const [project, artifact] = JSON.parse(key) as [string, string];
            return { projectId: project, artifactId: artifact };
          }),
        ),
      // A page is at most 100 artifacts; a bigger batch is split (the statement's bound).
      { maxBatchSize: 100 },
    );
    loaders.set(req, loader);
  }
  return loader.load(JSON.stringify([projectId, artifactId]));
}
