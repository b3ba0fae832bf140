import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Who the API key belongs to: its tenant and roles.' })
export class Viewer {
  @Field(() => String)
  tenant!: string;

  @Field(() => [String], {
    description:
      "The key's roles: 'ingest', 'read', 'admin' (docs/operations.md, keys and tenants).",
  })
  roles!: string[];
}
