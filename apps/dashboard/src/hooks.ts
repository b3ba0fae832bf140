import { useEffect, useState } from 'react';

/** How often open pages re-ask GraphQL for new figures (live updates by polling). */
export const LIVE_POLL_MS = 5_000;

/** Calls `refresh` every `ms` while the page is visible. */
export function usePolling(refresh: () => void, ms = LIVE_POLL_MS): void {
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, ms);
    return () => window.clearInterval(id);
  }, [refresh, ms]);
}

/** The current location hash without '#', updated on navigation. */
export function useHashPath(): string {
  const read = () => window.location.hash.replace(/^#/, '') || '/';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const onChange = () => setPath(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

export interface ClientConfig {
  otlpHttpUrl: string | null;
  otlpGrpcUrl: string | null;
}

/** /dashboard-config.json, served by the gateway (the receivers' URLs). */
export function useClientConfig(): ClientConfig | undefined {
  const [config, setConfig] = useState<ClientConfig>();
  useEffect(() => {
    let live = true;
    fetch('/dashboard-config.json')
      .then((r) => (r.ok ? (r.json() as Promise<ClientConfig>) : null))
      .catch(() => null)
      .then((c) => live && setConfig(c ?? { otlpHttpUrl: null, otlpGrpcUrl: null }));
    return () => {
      live = false;
    };
  }, []);
  return config;
}
