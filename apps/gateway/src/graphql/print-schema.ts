import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ArtifactResolver, ProjectResolver } from './emissions.resolver';
import { FactorSetsResolver } from './factor-sets.resolver';
import { PlatformHealthResolver } from './platform-health.resolver';
import { RejectedSpansResolver } from './rejected-spans.resolver';

/** The public GraphQL contract as SDL, generated from the code-first resolvers. */
export async function printGatewaySchema(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const schema = await app
      .get(GraphQLSchemaFactory)
      .create([
        ProjectResolver,
        ArtifactResolver,
        FactorSetsResolver,
        RejectedSpansResolver,
        PlatformHealthResolver,
      ]);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
