import { curlSnippet, otelNodeSnippet, otlpUrlFor } from '../lib/snippets';
import type { ClientConfig } from '../hooks';
import { CodeBlock } from './CodeBlock';

/** The empty state: exactly how to send the first span to this platform. */
export function FirstSpan({
  config,
  projectId,
  heading = 'Send your first span',
}: {
  config: ClientConfig | undefined;
  projectId: string;
  heading?: string;
}) {
  const otlpHttpUrl = otlpUrlFor(config?.otlpHttpUrl ?? null, window.location.hostname);
  // An hour ago, rounded to the hour: inside the receiver's accepted window.
  const startMs = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
  const input = { otlpHttpUrl, projectId, startMs };
  return (
    <section className="card first-span" aria-labelledby="first-span-heading">
      <h2 id="first-span-heading">{heading}</h2>
      <p>
        Pipelines report their work as OpenTelemetry spans to{' '}
        <code data-testid="otlp-url">{otlpHttpUrl}</code> with an API key that has the{' '}
        <code>ingest</code> role (<code>export GREENOPS_API_KEY=gok_…</code>). Two attributes are
        required: <code>greenops.project.id</code> and <code>greenops.activity.kind</code>. The
        figures appear here within seconds.
      </p>
      <CodeBlock
        label="curl (OTLP/JSON): a one-hour render in Great Britain, 1.5 kWh"
        code={curlSnippet(input)}
      />
      <CodeBlock
        label="Node.js (OpenTelemetry SDK, OTLP/HTTP protobuf)"
        code={otelNodeSnippet(input)}
      />
      <p>
        Or fill the dashboard with a demo production: <code>npm run demo</code> (series episode and
        commercial, six weeks of renders, AI, travel and on-set power).
      </p>
    </section>
  );
}
