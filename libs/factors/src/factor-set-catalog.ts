import type { Factor, FactorSet } from './factor';
import { withOverrides } from './factor-set';
import { overrideProblems } from './override-problems';
import { DEFAULT_FACTOR_SET } from './sets/default.factor-set';
import { UnusableFactorSetError } from './unusable-factor-set.error';

/** A published factor set as stored: its name and the overrides of the shipped catalogue. */
export interface PublishedOverrides {
  name: string;
  /** Validated when published, and again here on use; applied with withOverrides. */
  factors: unknown;
}

/** Where published factor sets are read from (the persistence layer's ProjectionRegistry). */
export interface FactorSetSource {
  factorSet(tenant: string, version: string): Promise<PublishedOverrides | null>;
}

/**
 * The factor set an activity is computed with: the shipped catalogue, or a tenant's published
 * overrides of it. Published sets are immutable per version, so they are cached (an unusable
 * one too: it stays unusable). Shared by the projector (computing) and the gateway (describing
 * the factors in a methodological statement).
 */
export class FactorSetCatalog {
  private readonly cache = new Map<string, Promise<FactorSet>>();

  constructor(
    private readonly source: FactorSetSource,
    private readonly base: FactorSet = DEFAULT_FACTOR_SET,
  ) {}

  get(tenant: string, version: string | null): Promise<FactorSet> {
    if (version === null) return Promise.resolve(this.base);
    const key = `${tenant}\u0000${version}`;
    let set = this.cache.get(key);
    if (!set) {
      set = this.load(tenant, version);
      set.catch((error: unknown) => {
        if (!(error instanceof UnusableFactorSetError)) this.cache.delete(key);
      });
      this.cache.set(key, set);
    }
    return set;
  }

  private async load(tenant: string, version: string): Promise<FactorSet> {
    const published = await this.source.factorSet(tenant, version);
    if (!published) {
      throw new UnusableFactorSetError(
        'factorSet',
        `factor set ${version} of tenant ${tenant} is not recorded`,
      );
    }
    // Checked again on use: a set an older version accepted may hold a factor outside its
    // unit's plausible range; it fails its tenant's events only.
    const problems = overrideProblems(this.base, published.factors as Factor[]);
    if (problems.length > 0) {
      throw new UnusableFactorSetError(
        'factorSet',
        `factor set ${version} cannot be used: ${problems.join('; ')}`,
      );
    }
    return withOverrides(this.base, published.factors as Factor[], {
      version,
      name: published.name,
    });
  }
}
