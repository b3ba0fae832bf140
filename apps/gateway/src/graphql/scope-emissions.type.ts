import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Emissions } from './emissions.type';

@ObjectType({ description: 'Emissions of one GHG Protocol scope and category.' })
export class ScopeEmissions {
  @Field(() => Int, {
    description: '1: direct (e.g. generator fuel); 2: purchased electricity; 3: value chain.',
  })
  scope!: number;

  @Field(() => String, { description: "e.g. 'scope3.cat6.business-travel'." })
  category!: string;

  @Field(() => Int)
  activityCount!: number;

  @Field(() => Emissions)
  emissions!: Emissions;
}
