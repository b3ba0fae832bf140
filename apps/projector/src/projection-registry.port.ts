import type { ProjectionRegistry } from '@greenops/persistence';

/** What the projector needs of the tenant projection registry (libs/persistence). */
export type ProjectionRegistryPort = Pick<
  ProjectionRegistry,
  | 'states'
  | 'state'
  | 'building'
  | 'recordFactorSet'
  | 'factorSet'
  | 'startBuilding'
  | 'expectFences'
  | 'recordFence'
  | 'switchTo'
>;
