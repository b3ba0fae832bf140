import { useState, type FormEvent } from 'react';

/** Sign-in with an API key; it is kept in this tab's session storage only. */
export function SignIn({ notice, onSignIn }: { notice?: string; onSignIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = key.trim();
    if (trimmed.length < 16) {
      setProblem('An API key has at least 16 characters (e.g. gok_…).');
      return;
    }
    onSignIn(trimmed);
  };
  return (
    <section className="card narrow" aria-labelledby="signin-heading">
      <h1 id="signin-heading">Sign in</h1>
      <p>
        Use an API key with the <code>read</code> role. <code>npm start</code> prints one on the
        first start; <code>npx greenops keys create --tenant default --role read</code> makes more.
      </p>
      {notice ? (
        <p className="error" role="alert">
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'api-key-problem' : 'api-key-hint'}
        />
        <p id="api-key-hint" className="hint">
          Kept in this browser tab only, sent as a bearer token to this server.
        </p>
        {problem ? (
          <p id="api-key-problem" className="field-error">
            {problem}
          </p>
        ) : null}
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
