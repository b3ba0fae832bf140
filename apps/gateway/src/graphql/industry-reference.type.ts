import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { IndustryReference } from '@greenops/factors';

@ObjectType('IndustryReference', {
  description:
    'A published figure, with its source and unit, shown beside our benchmarks and never mixed into them.',
})
export class IndustryReferenceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  source!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { description: 'Where the publication states it.' })
  section!: string;

  @Field(() => String, { description: 'What the figure measures, in the publication’s terms.' })
  measures!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => Float, { description: 'The stated range (low = high for a single value).' })
  low!: number;

  @Field(() => Float)
  high!: number;

  static from(r: IndustryReference): IndustryReferenceType {
    return Object.assign(new IndustryReferenceType(), {
      id: r.id,
      source: r.source,
      year: r.year,
      section: r.section,
      measures: r.measures,
      unit: r.unit,
      low: r.low,
      high: r.high,
    });
  }
}
