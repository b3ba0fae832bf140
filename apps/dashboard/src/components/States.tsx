import type { CombinedError } from 'urql';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** The first GraphQL error's message and code, or the network failure. */
export function describeError(error: CombinedError): { message: string; code?: string } {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
    return { message: first.message, code };
  }
  return { message: error.networkError?.message ?? error.message };
}

export function ErrorState({ error, what }: { error: CombinedError; what: string }) {
  const { message, code } = describeError(error);
  return (
    <div className="error" role="alert">
      <h2>Could not load {what}</h2>
      <p>
        {message}
        {code ? <span className="code"> ({code})</span> : null}
      </p>
      <p>Figures refresh every few seconds; this page retries on its own.</p>
    </div>
  );
}
