import { createHash } from 'node:crypto';
import { DEFAULT_SPAN_TIME_LIMITS, mapSpanToActivity, type Attributes } from '@greenops/semconv';
import {
  DEMO_PROJECTS,
  demoAnchor,
  demoCounts,
  demoProduction,
  demoRejectedSpan,
  type DemoSpan,
} from './demo-production';

const NOW = new Date('2026-11-29T17:00:00Z');
const DAY_MS = 86_400_000;

function mapped(span: DemoSpan, n: number) {
  const id = createHash('sha256').update(String(n)).digest('hex');
  return mapSpanToActivity(
    'demo-tenant',
    {
      traceId: id.slice(0, 32),
      spanId: id.slice(32, 48),
      name: span.name,
      startTimeUnixNano: BigInt(span.startMs) * 1_000_000n,
      endTimeUnixNano: BigInt(span.startMs + span.durationS * 1000) * 1_000_000n,
      attributes: span.attributes as Attributes,
    },
    {},
    { receivedAtMs: NOW.getTime(), limits: DEFAULT_SPAN_TIME_LIMITS },
  );
}

describe('demo production', () => {
  const spans = demoProduction(NOW);

  it('is a span set the ingest accepts in full (same validation as the receivers)', () => {
    const refused = spans
      .map((s, i) => ({ s, r: mapped(s, i) }))
      .filter(({ r }) => !r.ok)
      .map(({ s, r }) => `${s.name}: ${JSON.stringify(r)}`);
    expect(refused).toEqual([]);
  });

  it('sends one span the ingest refuses, for the platform-health page', () => {
    expect(mapped(demoRejectedSpan(NOW), 0)).toEqual(
      expect.objectContaining({ ok: false, field: 'greenops.activity.kind' }),
    );
  });

  it('covers every activity kind, in both projects, over six weeks before today', () => {
    const kinds = new Set(spans.map((s) => s.attributes['greenops.activity.kind']));
    expect([...kinds].sort()).toEqual([
      'accommodation',
      'ai.inference',
      'onset.energy',
      'render',
      'storage',
      'transfer',
      'travel',
      'workstation',
    ]);
    const modalities = new Set(spans.map((s) => s.attributes['greenops.ai.modality']));
    expect(modalities).toEqual(new Set([undefined, 'video', 'image', 'upscale']));
    const media = new Set(spans.map((s) => s.attributes['greenops.storage.media']).filter(Boolean));
    expect(media).toEqual(new Set(['ssd', 'tape', 'hdd']));
    const anchor = demoAnchor(NOW);
    const first = Math.min(...spans.map((s) => s.startMs));
    const last = Math.max(...spans.map((s) => s.startMs + s.durationS * 1000));
    expect((anchor - first) / DAY_MS).toBeGreaterThanOrEqual(42);
    expect(last).toBeLessThanOrEqual(anchor); // everything ended before today (UTC)
    expect(Object.keys(demoCounts(spans)).sort()).toEqual(
      [DEMO_PROJECTS.commercial, DEMO_PROJECTS.series].sort(),
    );
  });

  it('is the same production when sent again on the same day (re-sent spans count once)', () => {
    expect(demoProduction(new Date('2026-11-29T23:59:00Z'))).toEqual(spans);
  });
});
