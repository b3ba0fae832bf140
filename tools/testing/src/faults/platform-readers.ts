import { Client } from 'pg';

/**
 * Facts of a project in the tenant's current projection, read on a connection of its own (so a
 * database restart between two reads leaves no broken pool behind).
 */
export async function countFacts(
  databaseUrl: string,
  tenant: string,
  projectId: string,
): Promise<number> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*)::text as n from emission_facts
        where tenant_id = $1 and project_id = $2
          and projection_version = coalesce(
            (select current_version from tenant_projections where tenant_id = $1), 1)`,
      [tenant, projectId],
    );
    return Number(rows[0].n);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ProjectTotals {
  energyKwh: number;
  co2eG: number;
  co2eMarketG: number;
  operationalG: number;
  embodiedG: number;
  trainingG: number;
  lowG: number;
  highG: number;
}

/** A project's totals as the GraphQL gateway serves them; `null` if it has none yet. */
export async function readProjectTotals(
  graphqlUrl: string,
  apiKey: string,
  projectId: string,
): Promise<ProjectTotals | null> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      query:
        'query($id: ID!) { project(id: $id) { emissions { energyKwh co2eG co2eMarketG operationalG embodiedG trainingG lowG highG } } }',
      variables: { id: projectId },
    }),
    signal: AbortSignal.timeout(15000),
  });
  const body = (await response.json()) as {
    data?: { project: { emissions: ProjectTotals } | null };
    errors?: unknown[];
  };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data?.project?.emissions ?? null;
}
