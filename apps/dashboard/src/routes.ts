/**
 * Hash routes of the dashboard. Pages that wait on API still being built (portfolio, KPIs per
 * functional unit across projects, benchmarks, what-if, retention) get their own entry here
 * and a link in the header when their queries land in the schema (apps/dashboard/README.md).
 */
export type Route =
  | { page: 'home' }
  | { page: 'project'; projectId: string }
  | { page: 'artifact'; projectId: string; artifactId: string }
  | { page: 'health' }
  | { page: 'not-found'; path: string };

export function parseRoute(path: string): Route {
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { page: 'not-found', path };
  }
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'health' && parts.length === 1) return { page: 'health' };
  if (parts[0] === 'project' && parts.length === 2)
    return { page: 'project', projectId: parts[1]! };
  if (parts[0] === 'project' && parts.length === 4 && parts[2] === 'artifact') {
    return { page: 'artifact', projectId: parts[1]!, artifactId: parts[3]! };
  }
  return { page: 'not-found', path };
}

export const href = {
  home: () => '#/',
  health: () => '#/health',
  project: (id: string) => `#/project/${encodeURIComponent(id)}`,
  artifact: (projectId: string, id: string) =>
    `#/project/${encodeURIComponent(projectId)}/artifact/${encodeURIComponent(id)}`,
};
