import type { Range } from '@greenops/domain';
import type { MethodologicalStatement } from './methodological-statement';

const g = (x: number) => `${x.toLocaleString('en-GB', { maximumFractionDigits: 1 })} g`;
const band = (r: Range) => `${g(r.nominal)} (${g(r.low)} … ${g(r.high)})`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
/** Table cells: no pipes or line breaks from data. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** The statement as Markdown, for download next to the JSON. */
export function renderMethodologicalStatementMarkdown(s: MethodologicalStatement): string {
  const lines: string[] = [
    `# Methodological statement: project ${cell(s.projectId)}`,
    '',
    `Reference: ${s.reference}.`,
    `Accounting: ${s.accounting}.`,
    '',
    `**${s.activityCount} activities, ${band(s.co2eG)} CO2e.**`,
    '',
    '## Measured or estimated',
    '',
    '| measured | modelled | proxy |',
    '| --- | --- | --- |',
    `| ${pct(s.dataQuality.measuredShare)} | ${pct(s.dataQuality.modelledShare)} | ${pct(s.dataQuality.proxyShare)} |`,
    '',
    'Shares of nominal CO2e by data-quality tier (CT 2026 Table 7: measured energy, bottom-up model, proxy).',
    '',
    '## Methods',
    '',
    '| model id | tier | method | activities | CO2e | share |',
    '| --- | --- | --- | --- | --- | --- |',
    ...s.methods.map(
      (m) =>
        `| \`${cell(m.modelId)}\` | ${m.tier} | ${cell(m.description)} | ${m.activityCount} | ${band(m.co2eG)} | ${pct(m.share)} |`,
    ),
    '',
    '## Model creation (training) allocation',
    '',
    s.trainingAllocation.applied.length > 0
      ? s.trainingAllocation.applied
          .map((a) => `- option ${a.option}: ${a.activityCount} activities`)
          .join('\n')
      : '- no activities',
    '',
    s.trainingAllocation.description,
    '',
    '## Factors',
    '',
    '| factor | value | unit | source | year | App. 5 rating |',
    '| --- | --- | --- | --- | --- | --- |',
    ...s.factors.map(
      (f) =>
        `| \`${cell(f.id)}\` | ${f.value}${f.low !== undefined || f.high !== undefined ? ` (${f.low ?? f.value} … ${f.high ?? f.value})` : ''}${f.points ? `, ${f.points} hours` : ''} | ${cell(f.unit)} | ${cell(f.source)} | ${f.year} | ${f.uncertaintyRating ?? '—'} |`,
    ),
    '',
    '## Key assumptions',
    '',
    ...(s.assumptions.length > 0 ? s.assumptions.map((a) => `- ${a}`) : ['- none']),
    '',
    '## Exclusions',
    '',
    ...s.exclusions.map((e) => `- **${e.item}** (${e.kind}): ${e.justification}.`),
    '',
    '## Uncertainty',
    '',
    `Band: ${band(s.uncertainty.band)}. ${s.uncertainty.method}`,
    '',
    ...s.uncertainty.widestContributors.map(
      (c) => `- \`${cell(c.modelId)}\`: ${g(c.bandWidthG)} between low and high`,
    ),
    '',
  ];
  if (s.notes.length > 0) lines.push('## Flags', '', ...s.notes.map((n) => `- ${n}`), '');
  lines.push(
    '## Versions',
    '',
    `- methodology: ${s.methodologyVersions.join(', ') || '—'}`,
    `- factor set: ${s.factorSetVersions.join(', ') || '—'}`,
    '',
  );
  return lines.join('\n');
}
