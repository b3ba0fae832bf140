import DataLoader from 'dataloader';
import type { EmissionsTotals, GatewayQueries } from '../gateway-queries.port';
import type { GatewayRequest } from '../auth/tenant-context';

const loaders = new WeakMap<GatewayRequest, DataLoader<string, EmissionsTotals>>();

/**
 * One roll-up query per artifact per request, however many fields ask for it
 * (`emissions` and `activityCount` share it).
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
    loader = new DataLoader<string, EmissionsTotals>((keys) =>
      Promise.all(
        keys.map((key) => {
          const [project, artifact] = JSON.parse(key) as [string, string];
          return queries.artifactTotals(tenant, project, artifact);
        }),
      ),
    );
    loaders.set(req, loader);
  }
  return loader.load(JSON.stringify([projectId, artifactId]));
}
