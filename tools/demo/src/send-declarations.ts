import {
  DEMO_LEGAL_HOLD,
  DEMO_RETENTION_POLICY,
  DEMO_STATUS_CHANGE,
  demoDeclarations,
} from './demo-declarations';

export interface DeclarationsResult {
  /** Projects declared (re-declaring is harmless: the latest declaration is in force). */
  declared: string[];
  /** Admin actions taken; skipped when already in place, so the demo can run again. */
  actions: string[];
}

/** A GraphQL call with the demo's key; throws with the API's message on an error. */
async function call<T>(
  url: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new Error(`GraphQL answered ${response.status} without data`);
  return body.data;
}

/**
 * Declares the demo productions and takes the demo's admin actions through GraphQL (role
 * admin). Policies and holds already in place are left alone.
 */
export async function sendDeclarations(options: {
  graphqlUrl: string;
  apiKey: string;
  now?: Date;
}): Promise<DeclarationsResult> {
  const { graphqlUrl: url, apiKey } = options;
  const declared: string[] = [];
  const actions: string[] = [];
  for (const input of demoDeclarations(options.now ?? new Date())) {
    await call(
      url,
      apiKey,
      'mutation($input: DeclareProjectInput!) { declareProject(input: $input) { eventId } }',
      { input },
    );
    declared.push(input.id);
  }
  const current = await call<{
    artifact: { status: string | null } | null;
    retentionPolicies: Array<{ name: string }>;
    legalHolds: Array<{ artifactId: string }>;
  }>(
    url,
    apiKey,
    `query($p: ID!, $a: ID!) {
      artifact(projectId: $p, id: $a) { status }
      retentionPolicies { name }
      legalHolds(projectId: $p) { artifactId }
    }`,
    { p: DEMO_STATUS_CHANGE.projectId, a: DEMO_STATUS_CHANGE.artifactId },
  );
  if (current.artifact?.status !== DEMO_STATUS_CHANGE.status) {
    await call(
      url,
      apiKey,
      'mutation($p: ID!, $a: ID!, $s: String!, $n: String) { setArtifactStatus(projectId: $p, artifactId: $a, status: $s, note: $n) { eventId } }',
      {
        p: DEMO_STATUS_CHANGE.projectId,
        a: DEMO_STATUS_CHANGE.artifactId,
        s: DEMO_STATUS_CHANGE.status,
        n: DEMO_STATUS_CHANGE.note,
      },
    );
    actions.push(`status ${DEMO_STATUS_CHANGE.artifactId} → ${DEMO_STATUS_CHANGE.status}`);
  }
  if (!current.retentionPolicies.some((p) => p.name === DEMO_RETENTION_POLICY.name)) {
    await call(
      url,
      apiKey,
      'mutation($input: DefineRetentionPolicyInput!) { defineRetentionPolicy(input: $input) { eventId } }',
      { input: DEMO_RETENTION_POLICY },
    );
    actions.push(`retention policy "${DEMO_RETENTION_POLICY.name}"`);
  }
  if (!current.legalHolds.some((h) => h.artifactId === DEMO_LEGAL_HOLD.artifactId)) {
    await call(
      url,
      apiKey,
      'mutation($p: ID!, $a: ID!, $r: String!) { setLegalHold(projectId: $p, artifactId: $a, reason: $r) { eventId } }',
      { p: DEMO_LEGAL_HOLD.projectId, a: DEMO_LEGAL_HOLD.artifactId, r: DEMO_LEGAL_HOLD.reason },
    );
    actions.push(`legal hold on ${DEMO_LEGAL_HOLD.artifactId}`);
  }
  return { declared, actions };
}
