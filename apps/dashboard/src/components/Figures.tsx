import type { ReactNode } from 'react';
import { formatBand, formatCo2e, formatEnergy } from '../lib/format';

/** A CO2e figure: the formatted text, the exact grams in `value` (machine-readable). */
export function Co2e({ grams, testId }: { grams: number; testId?: string }) {
  return (
    <data className="num" value={grams} data-testid={testId}>
      {formatCo2e(grams)}
    </data>
  );
}

export function Energy({ kwh, testId }: { kwh: number; testId?: string }) {
  return (
    <data className="num" value={kwh} data-testid={testId}>
      {formatEnergy(kwh)}
    </data>
  );
}

export function Band({ lowG, highG, testId }: { lowG: number; highG: number; testId?: string }) {
  return (
    <data className="num" value={`${lowG} ${highG}`} data-testid={testId}>
      {formatBand(lowG, highG)}
    </data>
  );
}

/** A headline number with its label and a note under it. */
export function Stat({
  label,
  children,
  note,
}: {
  label: string;
  children: ReactNode;
  note?: ReactNode;
}) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{children}</span>
        {note ? <span className="stat-note">{note}</span> : null}
      </dd>
    </div>
  );
}
