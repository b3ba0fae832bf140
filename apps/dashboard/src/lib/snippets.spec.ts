import { curlSnippet, otelNodeSnippet, otlpUrlFor } from './snippets';

describe('first-span snippets', () => {
  const input = {
    otlpHttpUrl: 'http://127.0.0.1:4318/v1/traces',
    projectId: 'series-s01',
    startMs: Date.parse('2026-11-29T16:00:00Z'),
  };

  it('curl posts OTLP/JSON to the real URL with the project and a one-hour span', () => {
    const curl = curlSnippet(input);
    expect(curl).toContain("curl -s 'http://127.0.0.1:4318/v1/traces'");
    const body = JSON.parse(/-d '(.*)'$/s.exec(curl)![1]!);
    const span = body.resourceSpans[0].scopeSpans[0].spans[0];
    expect(body.resourceSpans[0].resource.attributes[0]).toEqual({
      key: 'greenops.project.id',
      value: { stringValue: 'series-s01' },
    });
    // 2026-01-01T00:00Z = 1,767,225,600 s; 29 November is 332 days later (304 days in
    // January–October + 28): + 28,684,800 s, + 16 h = 57,600 s → 1,795,968,000 s; one hour
    // later 1,795,971,600 s; in ns.
    expect(span.startTimeUnixNano).toBe('1795968000000000000');
    expect(span.endTimeUnixNano).toBe('1795971600000000000');
  });

  it('the Node.js snippet uses the URL and the project id', () => {
    const code = otelNodeSnippet(input);
    expect(code).toContain('url: "http://127.0.0.1:4318/v1/traces"');
    expect(code).toContain('\'greenops.project.id\': "series-s01"');
  });

  it('shows a reachable URL', () => {
    expect(otlpUrlFor('http://0.0.0.0:4318/v1/traces', 'studio.local')).toBe(
      'http://studio.local:4318/v1/traces',
    );
    expect(otlpUrlFor(null, 'studio.local')).toBe('http://studio.local:4318/v1/traces');
    expect(otlpUrlFor('http://10.0.0.5:4318/v1/traces', 'x')).toBe(
      'http://10.0.0.5:4318/v1/traces',
    );
  });
});
