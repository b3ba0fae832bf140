import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { WhatIfQuery, type WhatIfTotalsFields } from '../queries';
import type { ResultOf, VariablesOf } from '../graphql';
import { href } from '../routes';
import { formatCount, formatShare } from '../lib/format';
import { Band, Co2e, Energy } from '../components/Figures';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorState, Loading } from '../components/States';

type Scenario = VariablesOf<typeof WhatIfQuery>['scenario'];
type Totals = ResultOf<typeof WhatIfTotalsFields>;
type WhatIf = NonNullable<ResultOf<typeof WhatIfQuery>['whatIf']>;

/** The scenario as typed in the form: every part optional, text until submitted. */
interface Draft {
  grid: 'unchanged' | 'country' | 'cloud';
  country: string;
  cloudProvider: string;
  cloudRegion: string;
  pue: string;
  renderResolution: '' | 'NATIVE' | 'UPSCALE_FROM_720P';
  lighting: '' | 'LED' | 'HMI' | 'TUNGSTEN';
  carbonAwareShiftHours: string;
}

const EMPTY: Draft = {
  grid: 'unchanged',
  country: '',
  cloudProvider: '',
  cloudRegion: '',
  pue: '',
  renderResolution: '',
  lighting: '',
  carbonAwareShiftHours: '',
};

/** The GraphQL input of a draft: parts left empty are left out (recorded as they were). */
export function scenarioOf(d: Draft): Scenario {
  const s: Scenario = {};
  if (d.grid === 'country' && d.country.trim()) s.country = d.country.trim().toUpperCase();
  if (d.grid === 'cloud') {
    if (d.cloudProvider.trim()) s.cloudProvider = d.cloudProvider.trim();
    if (d.cloudRegion.trim()) s.cloudRegion = d.cloudRegion.trim();
  }
  if (d.pue.trim()) s.pue = Number(d.pue);
  if (d.renderResolution) s.renderResolution = d.renderResolution;
  if (d.lighting) s.lighting = d.lighting;
  if (d.carbonAwareShiftHours.trim()) s.carbonAwareShiftHours = Number(d.carbonAwareShiftHours);
  return s;
}

/**
 * What-if: the project's stored activities recomputed by the API under a scenario (grid, PUE,
 * 720p + upscale, lighting, carbon-aware shift), actual vs scenario with bands, by activity
 * kind, and the API's notes verbatim (docs/insights.md §5). Nothing is computed here.
 */
export function WhatIfPage({ projectId }: { projectId: string }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [scenario, setScenario] = useState<Scenario>();
  const [{ data, error, fetching }] = useQuery({
    query: WhatIfQuery,
    variables: { projectId, scenario: scenario ?? {} },
    pause: !scenario,
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setScenario(scenarioOf(draft));
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <a href={href.project(projectId)}>{projectId}</a>
          </li>
          <li aria-current="page">What if</li>
        </ol>
      </nav>
      <h1>What if…</h1>
      <section className="card" aria-labelledby="scenario-heading">
        <h2 id="scenario-heading">Scenario</h2>
        <p>
          Recomputes the project&apos;s stored activities with the methodology engine and the served
          factor set. Leave a part empty to keep it as recorded.
        </p>
        <form className="stack" onSubmit={submit} aria-label="What-if scenario">
          <fieldset>
            <legend>Grid</legend>
            {(
              [
                ['unchanged', 'As recorded'],
                ['country', 'A country'],
                ['cloud', 'A cloud region'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="grid"
                  value={value}
                  checked={draft.grid === value}
                  onChange={() => set('grid', value)}
                />{' '}
                {label}
              </label>
            ))}
            {draft.grid === 'country' ? (
              <label>
                Country (ISO 3166-1 alpha-2)
                <input
                  name="country"
                  value={draft.country}
                  maxLength={2}
                  required
                  onChange={(e) => set('country', e.target.value)}
                />
              </label>
            ) : null}
            {draft.grid === 'cloud' ? (
              <>
                <label>
                  Cloud provider
                  <input
                    name="cloudProvider"
                    value={draft.cloudProvider}
                    required
                    placeholder="aws"
                    onChange={(e) => set('cloudProvider', e.target.value)}
                  />
                </label>
                <label>
                  Cloud region
                  <input
                    name="cloudRegion"
                    value={draft.cloudRegion}
                    required
                    placeholder="eu-north-1"
                    onChange={(e) => set('cloudRegion', e.target.value)}
                  />
                </label>
              </>
            ) : null}
          </fieldset>
          <label>
            PUE (1–5, where a data-centre PUE applies)
            <input
              name="pue"
              type="number"
              min={1}
              max={5}
              step={0.01}
              value={draft.pue}
              onChange={(e) => set('pue', e.target.value)}
            />
          </label>
          <label>
            Render resolution
            <select
              name="renderResolution"
              value={draft.renderResolution}
              onChange={(e) => set('renderResolution', e.target.value as Draft['renderResolution'])}
            >
              <option value="">As recorded</option>
              <option value="NATIVE">Native</option>
              <option value="UPSCALE_FROM_720P">720p, then upscale</option>
            </select>
          </label>
          <label>
            Lighting
            <select
              name="lighting"
              value={draft.lighting}
              onChange={(e) => set('lighting', e.target.value as Draft['lighting'])}
            >
              <option value="">As recorded</option>
              <option value="LED">LED</option>
              <option value="HMI">HMI</option>
              <option value="TUNGSTEN">Tungsten</option>
            </select>
          </label>
          <label>
            Carbon-aware shift (hours, 0–48)
            <input
              name="carbonAwareShiftHours"
              type="number"
              min={0}
              max={48}
              step={1}
              value={draft.carbonAwareShiftHours}
              onChange={(e) => set('carbonAwareShiftHours', e.target.value)}
            />
          </label>
          <button type="submit">Recompute</button>
        </form>
      </section>
      {!scenario ? null : !data ? (
        error ? (
          <ErrorState error={error} what="the what-if" />
        ) : (
          <Loading what="the what-if" />
        )
      ) : !data.whatIf ? (
        <p className="card" data-testid="what-if-unknown">
          No project <code>{projectId}</code> in your tenant.
        </p>
      ) : (
        <WhatIfAnswer answer={data.whatIf} stale={fetching} />
      )}
    </>
  );
}

interface Side {
  label: string;
  totals: Totals;
}

const SIDE_COLUMNS: Column<Side>[] = [
  { header: '', cell: (s) => s.label, rowHeader: true },
  {
    header: 'CO₂e (location)',
    numeric: true,
    cell: (s) => <Co2e grams={s.totals.co2eG} testId="what-if-co2e" />,
  },
  {
    header: 'Band (low – high)',
    numeric: true,
    cell: (s) => <Band lowG={s.totals.lowG} highG={s.totals.highG} testId="what-if-band" />,
  },
  {
    header: 'CO₂e (market)',
    numeric: true,
    cell: (s) => <Co2e grams={s.totals.co2eMarketG} testId="what-if-market" />,
  },
  {
    header: 'Energy',
    numeric: true,
    cell: (s) => <Energy kwh={s.totals.energyKwh} testId="what-if-energy" />,
  },
  {
    header: 'Activities',
    numeric: true,
    cell: (s) => formatCount(s.totals.activityCount),
  },
];

type KindLine = WhatIf['byKind'][number];

const KIND_COLUMNS: Column<KindLine>[] = [
  { header: 'Kind', cell: (k) => k.kind, rowHeader: true, testId: 'what-if-kind' },
  {
    header: 'Actual',
    numeric: true,
    cell: (k) => <Co2e grams={k.actual.co2eG} testId="what-if-kind-actual" />,
  },
  {
    header: 'Scenario',
    numeric: true,
    cell: (k) => <Co2e grams={k.scenario.co2eG} testId="what-if-kind-scenario" />,
  },
  {
    header: 'Scenario band',
    numeric: true,
    cell: (k) => <Band lowG={k.scenario.lowG} highG={k.scenario.highG} />,
  },
  {
    header: 'Difference',
    numeric: true,
    cell: (k) => <Co2e grams={k.differenceG} testId="what-if-kind-difference" />,
  },
];

function WhatIfAnswer({ answer, stale }: { answer: WhatIf; stale: boolean }) {
  return (
    <>
      <section className="card" aria-labelledby="outcome-heading" aria-busy={stale}>
        <h2 id="outcome-heading">Actual vs scenario</h2>
        <DataTable
          testId="what-if-totals"
          rowTestId="what-if-side"
          caption={
            <>
              Factor set <code>{answer.factorSetVersion}</code>
            </>
          }
          rows={[
            { label: 'Actual', totals: answer.actual },
            { label: 'Scenario', totals: answer.scenario },
          ]}
          columns={SIDE_COLUMNS}
          rowKey={(s) => s.label}
        />
        <p data-testid="what-if-difference">
          Difference: <Co2e grams={answer.differenceG} testId="what-if-difference-g" /> (
          <Band
            lowG={answer.differenceLowG}
            highG={answer.differenceHighG}
            testId="what-if-difference-band"
          />
          )
          {answer.differenceShare === null || answer.differenceShare === undefined
            ? null
            : `, ${formatShare(answer.differenceShare, 1)} of the actual`}
          .
        </p>
      </section>
      <section className="card" aria-labelledby="notes-heading">
        <h2 id="notes-heading">What applied</h2>
        {answer.notes.length === 0 ? (
          <p>The API returned no notes.</p>
        ) : (
          <ul data-testid="what-if-notes">
            {answer.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
        {answer.problems.length > 0 ? (
          <DataTable
            testId="what-if-problems"
            caption="Activities the engine refused (left out of both totals)"
            rows={answer.problems}
            rowKey={(p, i) => `${p.stage}/${p.field}/${i}`}
            columns={[
              { header: 'Stage', cell: (p) => p.stage, rowHeader: true },
              { header: 'Field', cell: (p) => <code>{p.field}</code> },
              { header: 'Reason', cell: (p) => p.reason },
              { header: 'Activities', numeric: true, cell: (p) => formatCount(p.activityCount) },
            ]}
          />
        ) : null}
      </section>
      <section className="card" aria-labelledby="by-kind-heading">
        <h2 id="by-kind-heading">By activity kind</h2>
        <DataTable
          testId="what-if-by-kind"
          rowTestId="what-if-kind-row"
          rows={answer.byKind}
          rowKey={(k) => k.kind}
          columns={KIND_COLUMNS}
        />
      </section>
    </>
  );
}
