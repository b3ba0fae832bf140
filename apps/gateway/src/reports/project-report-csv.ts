import type { ProjectReportRow } from '@greenops/persistence';

const COLUMNS = [
  'month',
  'scope',
  'category',
  'activity_kind',
  'activity_count',
  'energy_kwh',
  'co2e_g',
  'co2e_market_g',
  'co2e_low_g',
  'co2e_high_g',
  'methodology_versions',
  'factor_set_versions',
  'factor_ids',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a text starting
 * with = + - @ is prefixed with ' so spreadsheets never run it as a formula.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The report as CSV, one line per month, scope, category and kind; lists joined by spaces. */
export function projectReportCsv(rows: readonly ProjectReportRow[]): string {
  const lines = rows.map((r) =>
    [
      r.month,
      r.scope,
      r.category,
      r.activityKind,
      r.activityCount,
      r.energyKwh,
      r.co2eG,
      r.co2eMarketG,
      r.lowG,
      r.highG,
      r.methodologyVersions.join(' '),
      r.factorSetVersions.join(' '),
      r.factorIds.join(' '),
    ]
      .map(csvField)
      .join(','),
  );
  return [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
