import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from './artifact-connection.type';
import { Project } from './project.type';

/** GraphQL names of the production types (libs/domain PRODUCTION_TYPES, same order). */
export enum ProductionTypeValue {
  FEATURE = 'feature',
  SERIES = 'series',
  EPISODE = 'episode',
  COMMERCIAL = 'commercial',
  PREVIZ = 'previz',
  MUSIC_VIDEO = 'music-video',
  OTHER = 'other',
}
registerEnumType(ProductionTypeValue, { name: 'ProductionType' });

export enum ProjectOrder {
  ID = 'ID',
  NAME = 'NAME',
  CO2E_DESC = 'CO2E_DESC',
}
registerEnumType(ProjectOrder, {
  name: 'ProjectOrder',
  description: 'ID and NAME ascending; CO2E_DESC by location-based total, largest first.',
});

@InputType()
export class DeclareProjectInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ProductionTypeValue)
  productionType!: ProductionTypeValue;

  @Field(() => Float, { nullable: true, description: 'Minutes of finished programme.' })
  finishedMinutes?: number | null;

  @Field(() => Float, { nullable: true })
  shootDays?: number | null;

  @Field(() => Int, { nullable: true })
  episodes?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  endDate?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@ObjectType({ description: 'A ProjectDeclared event accepted onto the log.' })
export class ProjectDeclarationReceipt {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  declaredAt!: string;
}

@ObjectType({ description: 'What a production declared about itself (its latest declaration).' })
export class ProjectDeclaration {
  @Field(() => String)
  name!: string;

  @Field(() => ProductionTypeValue)
  productionType!: ProductionTypeValue;

  @Field(() => Float, { nullable: true })
  finishedMinutes!: number | null;

  @Field(() => Float, { nullable: true })
  shootDays!: number | null;

  @Field(() => Int, { nullable: true })
  episodes!: number | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  startDate!: string | null;

  @Field(() => String, { nullable: true })
  endDate!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String)
  declaredAt!: string;
}

@InputType()
export class ActiveBetweenInput {
  @Field(() => String, { description: 'YYYY-MM-DD, inclusive' })
  from!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, inclusive' })
  to!: string;
}

@InputType()
export class ProjectFilter {
  @Field(() => ProductionTypeValue, { nullable: true })
  productionType?: ProductionTypeValue | null;

  @Field(() => String, { nullable: true })
  tag?: string | null;

  @Field(() => ActiveBetweenInput, {
    nullable: true,
    description:
      'Projects whose period overlaps: the declared start and end dates, else the first and last activity.',
  })
  activeBetween?: ActiveBetweenInput | null;
}

@ObjectType()
export class ProjectEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Project)
  node!: Project;
}

@ObjectType({ description: 'Relay-style connection; `first` is capped at 100.' })
export class ProjectConnection {
  @Field(() => [ProjectEdge])
  edges!: ProjectEdge[];

  @Field(() => [Project])
  nodes!: Project[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Projects matching the filter, on every page.' })
  totalCount!: number;
}
