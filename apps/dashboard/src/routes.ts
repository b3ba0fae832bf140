/**
 * Hash routes of the dashboard; a new page gets its own entry here and a link in the header or
 * from the page it belongs to (apps/dashboard/README.md). `#/` is the portfolio once the tenant
 * has a project, else the start page (`#/start`: open a project by id, send the first span).
 */
export type Route =
  | { page: 'home' }
  | { page: 'start' }
  | { page: 'portfolio' }
  | { page: 'retention' }
  | { page: 'project'; projectId: string }
  | { page: 'what-if'; projectId: string }
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
  if (parts.length === 1) {
    const single = {
      health: 'health',
      start: 'start',
      portfolio: 'portfolio',
      retention: 'retention',
    } as const;
    const page = single[parts[0] as keyof typeof single];
    if (page && Object.hasOwn(single, parts[0]!)) return { page };
  }
  if (parts[0] === 'project' && parts.length === 2)
    return { page: 'project', projectId: parts[1]! };
  if (parts[0] === 'project' && parts.length === 3 && parts[2] === 'what-if')
    return { page: 'what-if', projectId: parts[1]! };
  if (parts[0] === 'project' && parts.length === 4 && parts[2] === 'artifact') {
    return { page: 'artifact', projectId: parts[1]!, artifactId: parts[3]! };
  }
  return { page: 'not-found', path };
}

export const href = {
  home: () => '#/',
  start: () => '#/start',
  portfolio: () => '#/portfolio',
  retention: () => '#/retention',
  health: () => '#/health',
  project: (id: string) => `#/project/${encodeURIComponent(id)}`,
  whatIf: (id: string) => `#/project/${encodeURIComponent(id)}/what-if`,
  artifact: (projectId: string, id: string) =>
    `#/project/${encodeURIComponent(projectId)}/artifact/${encodeURIComponent(id)}`,
};
