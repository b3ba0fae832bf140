import { DEMO_PROJECTS, DEMO_STORAGE_SYSTEM, demoProduction } from './demo-production';
import {
  DEMO_LEGAL_HOLD,
  DEMO_RETENTION_POLICY,
  DEMO_STATUS_CHANGE,
  demoDeclarations,
} from './demo-declarations';

const NOW = new Date('2026-11-29T17:00:00Z');

describe('demo declarations and admin actions', () => {
  const spans = demoProduction(NOW);
  const declarations = demoDeclarations(NOW);
  const artifactSpans = (id: string) =>
    spans.filter((s) => s.attributes['greenops.artifact.id'] === id);

  it('declares both demo projects over a period that holds every one of their spans', () => {
    expect(declarations.map((d) => d.id).sort()).toEqual(Object.values(DEMO_PROJECTS).sort());
    for (const d of declarations) {
      const own = spans.filter((s) => s.attributes['greenops.project.id'] === d.id);
      const first = new Date(Math.min(...own.map((s) => s.startMs))).toISOString().slice(0, 10);
      const lastStart = new Date(Math.max(...own.map((s) => s.startMs))).toISOString();
      expect(d.startDate <= first).toBe(true);
      expect(d.endDate >= lastStart.slice(0, 10)).toBe(true);
    }
    // Anchor 2026-11-29: the series runs 42 days before it (2026-10-18) to the day before.
    expect(declarations[0]).toMatchObject({ startDate: '2026-10-18', endDate: '2026-11-28' });
  });

  it('acts on artifacts the spans create: an approved version, a rejected one with frames held', () => {
    expect(
      artifactSpans(DEMO_STATUS_CHANGE.artifactId).map(
        (s) => s.attributes['greenops.artifact.status'],
      ),
    ).toContain('approved');
    const held = artifactSpans(DEMO_LEGAL_HOLD.artifactId);
    expect(held.map((s) => s.attributes['greenops.artifact.status'])).toContain('rejected');
    // The policy selects what the hold protects: a rejected version on the NAS.
    expect(held.map((s) => s.attributes['greenops.storage.system'])).toContain(DEMO_STORAGE_SYSTEM);
    expect(DEMO_RETENTION_POLICY.selector.storageSystems).toEqual([DEMO_STORAGE_SYSTEM]);
  });

  it('keeps the frames of all 36 render versions on the NAS (4 scenes × 3 shots × 3 versions)', () => {
    const held = spans.filter(
      (s) => s.attributes['greenops.storage.system'] === DEMO_STORAGE_SYSTEM,
    );
    expect(held).toHaveLength(36);
  });
});
