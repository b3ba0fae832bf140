import { useCallback, useEffect, useMemo, useState } from 'react';
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
import { ViewerQuery } from './queries';
import { describeError, ErrorState } from './components/States';
import { SignIn } from './pages/SignIn';
import { Home } from './pages/Home';
import { ProjectPage } from './pages/ProjectPage';
import { ArtifactPage } from './pages/ArtifactPage';
import { HealthPage } from './pages/HealthPage';
import { ViewerContext, type Viewer } from './viewer';

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
  else if (route.page === 'home') content = <Home config={config} />;
  else if (route.page === 'project')
    content = <ProjectPage projectId={route.projectId} config={config} theme={theme} />;
  else if (route.page === 'artifact')
    content = <ArtifactPage projectId={route.projectId} artifactId={route.artifactId} />;
  else if (route.page === 'health') content = <HealthPage />;
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
                    href={href.home()}
                    aria-current={
                      route.page === 'home' || route.page === 'project' || route.page === 'artifact'
                        ? 'page'
                        : undefined
                    }
                  >
                    Projects
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
        {content}
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
