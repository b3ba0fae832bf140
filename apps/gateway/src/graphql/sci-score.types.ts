import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';

@InputType({
  description:
    'The functional unit R of SCI = (E × I + M) per R. Either count artifacts of a kind (optionally with given statuses), or give a quantity of a named unit (minutes of finished material, shooting days…).',
})
export class SciFunctionalUnitInput {
  @Field(() => String, {
    nullable: true,
    description: "Count artifacts of this kind, e.g. 'video', 'shot'.",
  })
  artifactKind?: string;

  @Field(() => [String], {
    nullable: true,
    description: "Only artifacts with these statuses, e.g. ['final'].",
  })
  artifactStatuses?: string[];

  @Field(() => String, {
    nullable: true,
    description: "A unit you measure, e.g. 'finished minute', 'shooting day'.",
  })
  unit?: string;

  @Field(() => Float, { nullable: true, description: 'How many of `unit` the project produced.' })
  quantity?: number;
}

@ObjectType({
  description: 'SCI score: location-based carbon per functional unit, g CO2e, with its band.',
})
export class SciScore {
  @Field(() => String)
  functionalUnit!: string;

  @Field(() => Float, { description: 'R: how many functional units.' })
  quantity!: number;

  @Field(() => Float)
  co2eGPerUnit!: number;

  @Field(() => Float)
  lowGPerUnit!: number;

  @Field(() => Float)
  highGPerUnit!: number;

  @Field(() => Float, { description: 'Market-based carbon per unit.' })
  co2eMarketGPerUnit!: number;
}
