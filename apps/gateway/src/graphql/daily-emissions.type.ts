import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One UTC day of a project.' })
export class DailyEmissions {
  @Field(() => String, { description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Float)
  co2eG!: number;

  @Field(() => Float)
  energyKwh!: number;
}
