import { Client, fetchExchange, cacheExchange } from 'urql';

/** The API key lives in session storage: gone when the tab closes, never in local storage. */
const KEY_ITEM = 'greenops.apiKey';
const RECENT_ITEM = 'greenops.recentProjects';
const THEME_ITEM = 'greenops.theme';

export function storedApiKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}
export function storeApiKey(key: string): void {
  sessionStorage.setItem(KEY_ITEM, key);
}
export function forgetApiKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
}

/**
 * Project ids opened on this browser by keys of a tenant, most recent first (at most 8; ids
 * only, no figures; per tenant, so a shared browser shows one tenant nothing of another's).
 */
export function recentProjects(tenant: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(`${RECENT_ITEM}.${tenant}`) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}
export function rememberProject(tenant: string, id: string): void {
  const list = [id, ...recentProjects(tenant).filter((p) => p !== id)].slice(0, 8);
  localStorage.setItem(`${RECENT_ITEM}.${tenant}`, JSON.stringify(list));
}

export type Theme = 'light' | 'dark';
export function storedTheme(): Theme {
  const t = localStorage.getItem(THEME_ITEM);
  if (t === 'light' || t === 'dark') return t;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
export function storeTheme(theme: Theme): void {
  localStorage.setItem(THEME_ITEM, theme);
}

/**
 * A GraphQL client for one key: POST only (the gateway's CSRF protection refuses simple GETs),
 * the key as a bearer token, same-origin /graphql.
 */
export function createClient(apiKey: string): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
  });
}
