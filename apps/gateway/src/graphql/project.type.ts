import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ProjectSummary } from '@greenops/persistence';
import { Emissions } from './emissions.type';

@ObjectType()
export class Project {
  @Field(() => ID)
  id!: string;

  @Field(() => Emissions)
  emissions!: Emissions;

  /**
   * The portfolio row, when the project was read from the portfolio (null: undeclared);
   * undefined otherwise, and Project.declaration reads it.
   */
  summary?: ProjectSummary | null;
}
