import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

/** One factor a tenant publishes, with its evidence: the same shape in and out. */
@InputType('FactorOverrideInput', {
  description:
    'One catalogue factor replaced (or a grid factor added) by the tenant, with its evidence.',
})
@ObjectType('FactorOverride')
export class FactorOverride {
  @Field(() => String, {
    description:
      "Catalogue id, e.g. 'grid.location.GB', or 'grid.market.GB', 'grid.hourly.GB.2026-11-02T09'.",
  })
  id!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => String, { description: "Must equal the catalogue factor's unit." })
  unit!: string;

  @Field(() => String, {
    description: 'Where the number comes from (contract, meter, publication).',
  })
  source!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Float, { nullable: true })
  low?: number;

  @Field(() => Float, { nullable: true })
  high?: number;

  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType()
export class PublishFactorSetInput {
  @Field(() => String, { description: "A name for people, e.g. 'Studio B PPA 2026'." })
  name!: string;

  @Field(() => [FactorOverride])
  factors!: FactorOverride[];

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Keep the factors of the tenant's latest set and add or replace these (e.g. another month of an hourly series); otherwise the set is exactly these factors.",
  })
  extendLatest!: boolean;
}

@ObjectType()
export class FactorSetPublication {
  @Field(() => String, { description: 'Version of the new factor set (content-addressed).' })
  version!: string;

  @Field(() => String)
  baseVersion!: string;

  @Field(() => Int)
  factorCount!: number;
}

@ObjectType()
export class TenantFactorSet {
  @Field(() => String)
  version!: string;

  @Field(() => String)
  baseVersion!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  publishedAt!: string;

  @Field(() => [FactorOverride])
  factors!: FactorOverride[];
}

@ObjectType({ description: 'A replay of the log into a new projection version, in progress.' })
export class ProjectionBuild {
  @Field(() => Int)
  version!: number;

  @Field(() => String)
  factorSetVersion!: string;

  @Field(() => Int, { description: 'Partitions the replay has finished.' })
  partitionsDone!: number;

  @Field(() => Int)
  partitions!: number;
}

@ObjectType({ description: "Which projection of the tenant's data queries serve." })
export class ProjectionStatus {
  @Field(() => Int)
  currentVersion!: number;

  @Field(() => String, { nullable: true, description: 'null: the shipped catalogue.' })
  factorSetVersion!: string | null;

  @Field(() => ProjectionBuild, { nullable: true })
  building!: ProjectionBuild | null;
}
