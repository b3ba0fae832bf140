import { DEFAULT_FACTOR_SET, withOverrides } from '@greenops/factors';
import {
  allocateMeteredPeriod,
  buildMethodologicalStatement,
  computeEmissions,
  METHODOLOGY_VERSION,
  MethodologyInputError,
  renderMethodologicalStatementMarkdown,
  summariseFacts,
  type StatementFactRow,
} from '../index';
import { activity } from '../testing/activity.fixture';

const row = (
  tier: StatementFactRow['tier'],
  modelId: string,
  low: number,
  nominal: number,
  high: number,
  factorIds: string[] = [],
): StatementFactRow => ({
  tier,
  modelId,
  activityCount: 2,
  co2eG: { low, nominal, high },
  factorIds,
  trainingAllocations: [{ option: '1a', activityCount: 2 }],
  notes: [],
});

const statementOf = (rows: StatementFactRow[]) =>
  buildMethodologicalStatement({
    projectId: 'series-s01',
    rows,
    factorSet: DEFAULT_FACTOR_SET,
    methodologyVersions: [`${METHODOLOGY_VERSION}+training.1a`],
    factorSetVersions: [DEFAULT_FACTOR_SET.version],
  });

describe('methodological statement (CT 2026 §7.7, §8.2)', () => {
  it('shares of measured / modelled / proxy are shares of nominal CO2e', () => {
    // 600 + 300 + 100 = 1,000 g → 60 % / 30 % / 10 %
    const s = statementOf([
      row('measured', 'render.measured-energy', 600, 600, 600),
      row('modelled', 'ai.video.diffusion.wan2.1-t2v-1.3b', 200, 300, 500),
      row('proxy', 'ai.image.per-image', 50, 100, 200),
    ]);
    expect(s.dataQuality).toEqual({ measuredShare: 0.6, modelledShare: 0.3, proxyShare: 0.1 });
    expect(s.activityCount).toBe(6);
    // band: lows and highs added (fully correlated): 850 … 1,300 g
    expect(s.uncertainty.band).toEqual({ low: 850, nominal: 1000, high: 1300 });
    expect(s.uncertainty.method).toMatch(/fully correlated/);
    // widest bands first: diffusion 300 g, image 150 g, render 0 g
    expect(s.uncertainty.widestContributors.map((c) => c.bandWidthG)).toEqual([300, 150, 0]);
    expect(s.methods.map((m) => m.share)).toEqual([0.6, 0.3, 0.1]);
    expect(s.methods[1].description).toMatch(/Delavande, Pierrard & Luccioni/);
  });

  it('with no emissions the shares are 0, not NaN', () => {
    expect(statementOf([]).dataQuality).toEqual({
      measuredShare: 0,
      modelledShare: 0,
      proxyShare: 0,
    });
  });

  it('summarises a mixed project from its facts: factors with sources and App. 5 ratings, options, exclusions', () => {
    const facts = [
      computeEmissions(activity('workstation', { energyKwh: 0.5, country: 'FR' })),
      computeEmissions(
        activity('ai.inference', {
          cloudProvider: 'gcp',
          cloudRegion: 'us-central1',
          ai: { model: 'wan2.1', video: { width: 1280, height: 720, frames: 192 } },
        }),
      ),
      computeEmissions(activity('ai.inference', { ai: { modality: 'image', images: 4 } })),
      computeEmissions(activity('transfer', { transferBytes: 1e10, country: 'GB' })),
      computeEmissions(
        activity(
          'ai.inference',
          {
            energyKwh: 794,
            country: 'US',
            hw: { model: 'workstation' },
            ai: { model: 'wan2.1', modality: 'video', videos: 1450 },
          },
          2935 * 3600,
        ),
        { trainingAllocation: '1b' },
      ),
    ];
    const rows = summariseFacts(facts);
    expect(rows).toHaveLength(5);
    const s = buildMethodologicalStatement({
      projectId: 'mixed',
      rows,
      factorSet: DEFAULT_FACTOR_SET,
      methodologyVersions: facts.map((f) => f.methodologyVersion),
      factorSetVersions: facts.map((f) => f.factorSetVersion),
    });
    const total = facts.reduce((g, f) => g + f.co2eG.nominal, 0);
    const measured = facts[0].co2eG.nominal + facts[4].co2eG.nominal;
    expect(s.co2eG.nominal).toBeCloseTo(total, 6);
    expect(s.dataQuality.measuredShare).toBeCloseTo(measured / total, 12);
    expect(s.dataQuality.proxyShare).toBeCloseTo(
      (facts[2].co2eG.nominal + facts[3].co2eG.nominal) / total,
      12,
    );
    // model creation was allocated for the three AI activities: the local span by 1b, the cloud
    // video and the images by 1a (the default); the workstation and transfer carry none
    expect(s.trainingAllocation.applied).toEqual([
      { option: '1a', activityCount: 2 },
      { option: '1b', activityCount: 1 },
    ]);
    expect(s.methodologyVersions).toEqual([
      `${METHODOLOGY_VERSION}+training.1a`,
      `${METHODOLOGY_VERSION}+training.1b`,
    ]);
    const factor = (id: string) => s.factors.find((f) => f.id === id);
    expect(factor('ai.video.other-it-uplift')?.uncertaintyRating).toBe('medium-to-high');
    expect(factor('ai.model.wan2.1-t2v-1.3b.training-g-per-inference')?.uncertaintyRating).toBe(
      'high',
    );
    expect(factor('grid.location.FR')?.source).toMatch(/Ember/);
    expect(s.uncertaintyRatings['medium-to-high']).toBeGreaterThan(0);
    expect(s.uncertaintyRatings.unrated).toBeGreaterThan(0);
    // report assumptions that were used, and our own
    expect(s.assumptions).toEqual(
      expect.arrayContaining([
        'AI bought as a service without a named provider: PUE 1.1 (CT 2026 App. 3)',
        expect.stringMatching(/^uncertainty\.embodied-override|^transfer\.swd-v4\.band/),
      ]),
    );
    const items = s.exclusions.map((e) => e.item);
    expect(items).toEqual([
      'embodied carbon of data-centre and studio building structure and MEP (support services)',
      'end-of-life of IT hardware and software',
      'downstream data storage, network and end-user devices of the AI services used',
      "consumer end-user devices in data transfers (CO2.js SWD's device segment)",
      'idle capacity of own hardware between recorded activities',
    ]);
    expect(s.exclusions[0].justification).toMatch(/0\.51 %.*1 % materiality/);
  });

  it('an idle-capacity allocation removes the idle omission; an hourly series is one factor entry', () => {
    const set = withOverrides(
      DEFAULT_FACTOR_SET,
      [9, 10].map((h) => ({
        id: `grid.hourly.GB.2026-11-02T${String(h).padStart(2, '0')}`,
        value: h * 10,
        unit: 'gCO2e/kWh',
        source: 'Studio B supplier data',
        year: 2026,
      })),
      { version: 'hourly', name: 'hourly' },
    );
    const meter = computeEmissions(
      {
        ...activity('render', { energyKwh: 10, country: 'GB' }, 7200),
        startTime: '2026-11-02T09:00:00.000Z',
        endTime: '2026-11-02T11:00:00.000Z',
      },
      { factorSet: set },
    );
    const lines = allocateMeteredPeriod({
      meter,
      key: 'job-hours',
      outputs: [{ id: 'a', quantity: 1 }],
      idle: { capacity: 2 },
    }).lines.map((l) => l.result);
    const s = buildMethodologicalStatement({
      projectId: 'farm',
      rows: summariseFacts(lines),
      factorSet: set,
      methodologyVersions: [],
      factorSetVersions: ['hourly'],
    });
    expect(s.exclusions.map((e) => e.kind)).not.toContain('omission');
    // 09:00 at 90 and 10:00 at 100 g/kWh: one entry, mean 95, 90 … 100, 2 hours
    expect(s.factors.find((f) => f.id === 'grid.hourly.GB.*')).toEqual(
      expect.objectContaining({ value: 95, low: 90, high: 100, points: 2 }),
    );
    expect(s.methods.map((m) => m.modelId)).toEqual([
      'method3.job-hours.idle-capacity',
      'method3.job-hours.metered',
    ]);
  });

  it('refuses malformed rows with the row named', () => {
    const bad = { ...row('proxy', 'x', 1, 1, 1), co2eG: { low: 1, nominal: Number.NaN, high: 1 } };
    expect(() => statementOf([bad])).toThrow(MethodologyInputError);
    expect(() => statementOf([bad])).toThrow(expect.objectContaining({ field: 'rows[0]' }));
  });

  it('renders Markdown with every section, table cells escaped', () => {
    const s = statementOf([
      row('measured', 'render.measured-energy', 600, 600, 600, ['pue.on-premises']),
      row('proxy', 'odd|model', 50, 100, 200),
    ]);
    const md = renderMethodologicalStatementMarkdown(s);
    for (const heading of [
      '# Methodological statement: project series-s01',
      '## Measured or estimated',
      '## Methods',
      '## Model creation (training) allocation',
      '## Factors',
      '## Key assumptions',
      '## Exclusions',
      '## Uncertainty',
      '## Versions',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('| 85.7 % | 0.0 % | 14.3 % |');
    expect(md).toContain('`odd\\|model`');
    expect(md).toContain('- desk-side workstations carry no facility overhead (PUE 1.0)');
  });
});
