import { createContext, useContext } from 'react';

export interface Viewer {
  tenant: string;
  roles: string[];
}

export const ViewerContext = createContext<Viewer | undefined>(undefined);

/** Whether the signed-in key holds a role: actions show only for the roles that may take them. */
export function useHasRole(role: 'read' | 'ingest' | 'admin' | 'policy-engine'): boolean {
  return useContext(ViewerContext)?.roles.includes(role) ?? false;
}
