import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Provider, useQuery } from 'urql';
import {
  createClient,
  forgetApiKey,
  storedApiKey,
  storedTheme,
  storeApiKey,
  storeTheme,
  type Theme,
} from './session';
import { useClientConfig, useHashPath } from './hooks';
import { href, parseRoute } from './routes';
import { ProjectCountQuery, ViewerQuery } from './queries';
import { describeError, ErrorState, Loading } from './components/States';
import { SignIn } from './pages/SignIn';
import { Home } from './pages/Home';
import { ViewerContext, type Viewer } from './viewer';

// Pages past the start are loaded when first opened: the first page's bundle stays small
// (charts and tables of the other pages are not in it).
const PortfolioPage = lazy(() =>
  import('./pages/PortfolioPage').then((m) => ({ default: m.PortfolioPage })),
);
const ProjectPage = lazy(() =>
  import('./pages/ProjectPage').then((m) => ({ default: m.ProjectPage })),
);
const ArtifactPage = lazy(() =>
  import('./pages/ArtifactPage').then((m) => ({ default: m.ArtifactPage })),
);
const WhatIfPage = lazy(() =>
  import('./pages/WhatIfPage').then((m) => ({ default: m.WhatIfPage })),
);
const HealthPage = lazy(() =>
  import('./pages/HealthPage').then((m) => ({ default: m.HealthPage })),
);
const RetentionPage = lazy(() =>
  import('./pages/RetentionPage').then((m) => ({ default: m.RetentionPage })),
);

/** `#/`: the portfolio once the tenant has a project, else how to open one or send the first span. */
function Landing({ config }: { config: ReturnType<typeof useClientConfig> }) {
  const [{ data, error }, refresh] = useQuery({ query: ProjectCountQuery });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  const hasProjects = (data?.projects.totalCount ?? 0) > 0;
  // Until the first project arrives, re-ask so the portfolio replaces the start page by itself.
  useEffect(() => {
    if (hasProjects) return;
    const id = window.setInterval(poll, 5_000);
    return () => window.clearInterval(id);
  }, [hasProjects, poll]);
  if (!data && !error) return <Loading what="your projects" />;
  return hasProjects ? <PortfolioPage /> : <Home config={config} />;
}

export function App() {
  const [apiKey, setApiKey] = useState(storedApiKey);
  const [notice, setNotice] = useState<string>();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    storeTheme(theme);
  }, [theme]);
  const client = useMemo(() => (apiKey ? createClient(apiKey) : null), [apiKey]);
  const signOut = useCallback((message?: string) => {
    forgetApiKey();
    setApiKey(null);
    setNotice(message);
  }, []);
  const toggleTheme = () => setTheme((t) => (t === 'dark' ? 'light' : 'dark'));

  if (!client) {
    return (
      <Shell theme={theme} onToggleTheme={toggleTheme}>
        <SignIn
          notice={notice}
          onSignIn={(key) => {
            storeApiKey(key);
            setNotice(undefined);
            setApiKey(key);
          }}
        />
      </Shell>
    );
  }
  return (
    <Provider value={client}>
      <SignedIn theme={theme} onToggleTheme={toggleTheme} onSignOut={signOut} />
    </Provider>
  );
}

function SignedIn({
  theme,
  onToggleTheme,
  onSignOut,
}: {
  theme: Theme;
  onToggleTheme: () => void;
  onSignOut: (message?: string) => void;
}) {
  const [{ data, error, fetching }] = useQuery({ query: ViewerQuery });
  const path = useHashPath();
  const config = useClientConfig();
  const route = parseRoute(path);
  useEffect(() => {
    if (!error) return;
    const { code, message } = describeError(error);
    if (code === 'UNAUTHENTICATED')
      onSignOut('That API key was not accepted. Check it and sign in again.');
    else if (code === 'FORBIDDEN') onSignOut(`This key cannot read the dashboard: ${message}`);
  }, [error, onSignOut]);

  const viewer: Viewer | undefined = data?.viewer;
  let content;
  // Pages load alongside the viewer query (it only decides which actions show).
  if (!viewer && error && !fetching) content = <ErrorState error={error} what="your account" />;
  else if (route.page === 'home') content = <Landing config={config} />;
  else if (route.page === 'start') content = <Home config={config} />;
  else if (route.page === 'portfolio') content = <PortfolioPage />;
  else if (route.page === 'project')
    content = <ProjectPage projectId={route.projectId} config={config} theme={theme} />;
  else if (route.page === 'what-if') content = <WhatIfPage projectId={route.projectId} />;
  else if (route.page === 'artifact')
    content = <ArtifactPage projectId={route.projectId} artifactId={route.artifactId} />;
  else if (route.page === 'health') content = <HealthPage />;
  else if (route.page === 'retention') content = <RetentionPage />;
  else
    content = (
      <section className="card">
        <h1>Page not found</h1>
        <p>
          Nothing lives at <code>{route.path}</code>. <a href={href.home()}>Go to the start page</a>
          .
        </p>
      </section>
    );

  return (
    <ViewerContext.Provider value={viewer}>
      <Shell
        theme={theme}
        onToggleTheme={onToggleTheme}
        nav={
          <>
            <nav aria-label="Main">
              <ul>
                <li>
                  <a
                    href={href.portfolio()}
                    aria-current={
                      route.page === 'portfolio' ||
                      route.page === 'home' ||
                      route.page === 'start' ||
                      route.page === 'project' ||
                      route.page === 'what-if' ||
                      route.page === 'artifact'
                        ? 'page'
                        : undefined
                    }
                  >
                    Portfolio
                  </a>
                </li>
                <li>
                  <a
                    href={href.retention()}
                    aria-current={route.page === 'retention' ? 'page' : undefined}
                  >
                    Retention
                  </a>
                </li>
                <li>
                  <a
                    href={href.health()}
                    aria-current={route.page === 'health' ? 'page' : undefined}
                  >
                    Platform health
                  </a>
                </li>
              </ul>
            </nav>
            <div className="account">
              {viewer ? (
                <span className="viewer" data-testid="viewer">
                  {viewer.tenant} · {viewer.roles.join(', ')}
                </span>
              ) : null}
              <button type="button" className="ghost" onClick={() => onSignOut()}>
                Sign out
              </button>
            </div>
          </>
        }
      >
        <Suspense fallback={<Loading what="the page" />}>{content}</Suspense>
      </Shell>
    </ViewerContext.Provider>
  );
}

function Shell({
  theme,
  onToggleTheme,
  nav,
  children,
}: {
  theme: Theme;
  onToggleTheme: () => void;
  nav?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href.home()}>
          <span aria-hidden="true">◐</span> GreenOps
        </a>
        {nav}
        <button
          type="button"
          className="ghost"
          aria-pressed={theme === 'dark'}
          onClick={onToggleTheme}
        >
          Dark theme
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="foot">
        <p>
          Units: grams CO₂e (g, kg, t) and kWh, three significant figures. Location-based unless
          marked market-based. SCI (ISO/IEC 21031) and the Carbon Trust lifecycle method for AI
          video (June 2026).
        </p>
      </footer>
    </>
  );
}
