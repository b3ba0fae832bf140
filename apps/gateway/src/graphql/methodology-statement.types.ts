import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/*
 * The methodological statement a report needs beside its figures (Carbon Trust, "The carbon
 * impact of AI video generation", June 2026, §7.7 and §8.2), generated from a project's stored
 * facts by libs/methodology buildMethodologicalStatement. docs/methodology.md explains each part.
 */

@ObjectType({ description: 'A g CO2e range: low, nominal and high.' })
export class CarbonBand {
  @Field(() => Float) lowG!: number;
  @Field(() => Float) nominalG!: number;
  @Field(() => Float) highG!: number;
}

@ObjectType({
  description:
    'Shares of nominal location-based CO2e by data-quality tier (measured energy, modelled from activity data, proxy); 0 with no emissions.',
})
export class DataQuality {
  @Field(() => Float) measuredShare!: number;
  @Field(() => Float) modelledShare!: number;
  @Field(() => Float) proxyShare!: number;
}

@ObjectType({ description: 'A calculation model used, with its share of the total.' })
export class StatementMethod {
  @Field() modelId!: string;
  @Field({ description: 'measured, modelled or proxy' }) tier!: string;
  @Field() description!: string;
  @Field(() => Int) activityCount!: number;
  @Field(() => CarbonBand) co2e!: CarbonBand;
  @Field(() => Float) share!: number;
}

@ObjectType()
export class TrainingAllocationCount {
  @Field({ description: '1a (per unit of inference energy) or 1b (per inference)' })
  option!: string;
  @Field(() => Int) activityCount!: number;
}

@ObjectType()
export class StatementTrainingAllocation {
  @Field(() => [TrainingAllocationCount]) applied!: TrainingAllocationCount[];
  @Field() description!: string;
}

@ObjectType({ description: 'An emission factor used, with its source, year and unit.' })
export class StatementFactor {
  @Field() id!: string;
  @Field(() => Float) value!: number;
  @Field() unit!: string;
  @Field() source!: string;
  @Field(() => Int) year!: number;
  @Field(() => Float, { nullable: true }) low?: number;
  @Field(() => Float, { nullable: true }) high?: number;
  @Field({ nullable: true, description: 'Data-quality rating the report gives the factor' })
  uncertaintyRating?: string;
  @Field(() => Int, { nullable: true, description: 'Hours used, for an hourly grid series' })
  points?: number;
}

@ObjectType()
export class UncertaintyRatingCount {
  @Field({ description: "A rating, or 'unrated' when the report gives none" }) rating!: string;
  @Field(() => Int) factorCount!: number;
}

@ObjectType({ description: 'Something outside the figures, with the justification.' })
export class StatementExclusion {
  @Field() item!: string;
  @Field() justification!: string;
  @Field({ description: 'immaterial, outside the boundary, or omission' }) kind!: string;
}

@ObjectType()
export class BandContributor {
  @Field() modelId!: string;
  @Field(() => Float) bandWidthG!: number;
}

@ObjectType()
export class StatementUncertainty {
  @Field(() => CarbonBand) band!: CarbonBand;
  @Field() method!: string;
  @Field(() => [BandContributor]) widestContributors!: BandContributor[];
}

@ObjectType({ description: "A project's methodological statement, generated from its facts." })
export class MethodologyStatement {
  @Field() projectId!: string;
  @Field() reference!: string;
  @Field() accounting!: string;
  @Field(() => Int) activityCount!: number;
  @Field(() => CarbonBand) co2e!: CarbonBand;
  @Field(() => DataQuality) dataQuality!: DataQuality;
  @Field(() => [StatementMethod]) methods!: StatementMethod[];
  @Field(() => StatementTrainingAllocation) trainingAllocation!: StatementTrainingAllocation;
  @Field(() => [StatementFactor]) factors!: StatementFactor[];
  @Field(() => [UncertaintyRatingCount]) uncertaintyRatings!: UncertaintyRatingCount[];
  @Field(() => [String]) assumptions!: string[];
  @Field(() => [StatementExclusion]) exclusions!: StatementExclusion[];
  @Field(() => StatementUncertainty) uncertainty!: StatementUncertainty;
  @Field(() => [String]) notes!: string[];
  @Field(() => [String]) methodologyVersions!: string[];
  @Field(() => [String]) factorSetVersions!: string[];
}

/** The statement in its GraphQL shape (bands as CarbonBand, the rating tally as a list). */
export function toMethodologyStatement(s: {
  projectId: string;
  reference: string;
  accounting: string;
  activityCount: number;
  co2eG: Band;
  dataQuality: DataQuality;
  methods: Array<Omit<StatementMethod, 'co2e'> & { co2eG: Band }>;
  trainingAllocation: StatementTrainingAllocation;
  factors: StatementFactor[];
  uncertaintyRatings: Record<string, number>;
  assumptions: string[];
  exclusions: StatementExclusion[];
  uncertainty: { band: Band; method: string; widestContributors: BandContributor[] };
  notes: string[];
  methodologyVersions: string[];
  factorSetVersions: string[];
}): MethodologyStatement {
  const { co2eG, methods, uncertaintyRatings, uncertainty, ...rest } = s;
  return {
    ...rest,
    co2e: band(co2eG),
    methods: methods.map(({ co2eG: methodBand, ...m }) => ({ ...m, co2e: band(methodBand) })),
    uncertaintyRatings: Object.entries(uncertaintyRatings).map(([rating, factorCount]) => ({
      rating,
      factorCount,
    })),
    uncertainty: { ...uncertainty, band: band(uncertainty.band) },
  };
}

interface Band {
  low: number;
  nominal: number;
  high: number;
}

function band(r: Band): CarbonBand {
  return { lowG: r.low, nominalG: r.nominal, highG: r.high };
}
