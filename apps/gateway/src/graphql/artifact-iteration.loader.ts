import DataLoader from 'dataloader';
import type { ArtifactIteration } from '@greenops/persistence';
import type { InsightsReads } from '../gateway-queries.port';
import type { GatewayRequest } from '../auth/tenant-context';

const loaders = new WeakMap<GatewayRequest, DataLoader<string, ArtifactIteration>>();

/**
 * One set-based iteration statement per page of artifacts per request (`iteration` and every
 * `sci(per:)` of the page share it).
 */
export function loadArtifactIteration(
  req: GatewayRequest,
  insights: InsightsReads,
  tenant: string,
  projectId: string,
  artifactId: string,
): Promise<ArtifactIteration> {
  let loader = loaders.get(req);
  if (!loader) {
    loader = new DataLoader<string, ArtifactIteration>(
      (keys) =>
        insights.artifacts.iterations(
          tenant,
          keys.map((key) => {
            const [project, artifact] = JSON.parse(key) as [string, string];
            return { projectId: project, artifactId: artifact };
          }),
        ),
      { maxBatchSize: 100 },
    );
    loaders.set(req, loader);
  }
  return loader.load(JSON.stringify([projectId, artifactId]));
}
