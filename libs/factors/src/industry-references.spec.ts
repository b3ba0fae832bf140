import { INDUSTRY_REFERENCES, industryReferencesFor } from './industry-references';

describe('industry references', () => {
  it('each carries its source, year, section, unit and a stated range', () => {
    for (const r of INDUSTRY_REFERENCES) {
      expect(r.source).toMatch(/\S/);
      expect(r.year).toBeGreaterThanOrEqual(2000);
      expect(r.section).toMatch(/^§/);
      expect(r.unit).toMatch(/CO2e per /);
      expect(r.low).toBeGreaterThan(0);
      expect(r.low).toBeLessThanOrEqual(r.high);
    }
    expect(new Set(INDUSTRY_REFERENCES.map((r) => r.id)).size).toBe(INDUSTRY_REFERENCES.length);
  });

  it('gives a series the three scenes of the Carbon Trust case study, as stated (§7.5)', () => {
    // Carbon Trust, June 2026, §7.5: gen FX base ≈ 900–2,100, higher iterations ≈ 2,000–5,500,
    // traditional VFX ≈ 8,500–25,000 kgCO2e per final-pixel scene.
    expect(industryReferencesFor('series').map((r) => [r.low, r.high])).toEqual([
      [900, 2100],
      [2000, 5500],
      [8500, 25000],
    ]);
    expect(industryReferencesFor('commercial')).toEqual([]);
  });
});
