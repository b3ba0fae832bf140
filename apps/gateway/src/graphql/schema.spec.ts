import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printGatewaySchema } from './print-schema';

const COMMITTED = join(__dirname, '..', '..', 'schema.graphql');

/**
 * The GraphQL schema is a public contract (docs/architecture.md, "Gateway"): it is committed, and the build fails when
 * the code drifts from it. After an intended change: `npm run schema:update`, review, commit.
 */
describe('GraphQL schema', () => {
  it('matches the committed apps/gateway/schema.graphql', async () => {
    const generated = await printGatewaySchema();
    if (process.env.UPDATE_GRAPHQL_SCHEMA === '1') writeFileSync(COMMITTED, generated);
    const committed = readFileSync(COMMITTED, 'utf8');
    expect(generated).toBe(committed);
  });

  it('keeps the public Emissions/Artifact/Project contract', async () => {
    const sdl = await printGatewaySchema();
    for (const line of [
      'artifact(id: ID!, projectId: ID!): Artifact',
      'project(id: ID!): Project',
      'activityCount: Int!',
      'co2eMarketG: Float!',
      'trainingG: Float!',
      'artifacts(after: String, first: Int): ArtifactConnection!',
    ]) {
      expect(sdl).toContain(line);
    }
  });
});
