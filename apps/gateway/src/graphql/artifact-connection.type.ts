import { Field, ObjectType } from '@nestjs/graphql';
import { Artifact } from './artifact.type';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class ArtifactEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Artifact)
  node!: Artifact;
}

@ObjectType({ description: 'Relay-style connection; `first` is capped at 100.' })
export class ArtifactConnection {
  @Field(() => [ArtifactEdge])
  edges!: ArtifactEdge[];

  @Field(() => [Artifact])
  nodes!: Artifact[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
