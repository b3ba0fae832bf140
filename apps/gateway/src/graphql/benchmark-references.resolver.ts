import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { industryReferencesFor } from '@greenops/factors';
import { BenchmarkDistribution } from './benchmark.types';
import { IndustryReferenceType } from './industry-reference.type';

/** Published figures beside a within-tenant benchmark (docs/insights.md §4.3); no I/O. */
@Resolver(() => BenchmarkDistribution)
export class BenchmarkReferencesResolver {
  @ResolveField(() => [IndustryReferenceType], {
    description:
      'Published figures about this production type, each in its own unit; never part of the statistics.',
    complexity: 1,
  })
  references(@Parent() distribution: BenchmarkDistribution): IndustryReferenceType[] {
    return industryReferencesFor(distribution.productionType).map((r) =>
      IndustryReferenceType.from(r),
    );
  }
}
