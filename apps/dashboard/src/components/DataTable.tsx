import type { ReactNode } from 'react';

/** One column of a DataTable: its header and how a row fills its cell. */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned figures (class `n`). */
  numeric?: boolean;
  /** The cell names the row (`<th scope="row">`), for screen readers. */
  rowHeader?: boolean;
  /** data-testid of the column's cells. */
  testId?: string;
  /** Extra class of the column's cells, e.g. `mono`. */
  className?: string;
}

/**
 * The dashboard's table: a caption, column headers with scope, one row per item. The pages
 * declare columns instead of repeating thead/tbody markup, so every table is read the same way
 * by assistive technology.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  testId,
  rowTestId,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T, index: number) => string;
  caption?: ReactNode;
  testId?: string;
  rowTestId?: string;
}) {
  return (
    <table data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.numeric ? 'n' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} data-testid={rowTestId}>
            {columns.map((c, i) => {
              const props = {
                className: [c.numeric ? 'n' : '', c.className ?? ''].join(' ').trim() || undefined,
                'data-testid': c.testId,
              };
              return c.rowHeader ? (
                <th key={i} scope="row" {...props}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={i} {...props}>
                  {c.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An ISO 8601 instant as "YYYY-MM-DD HH:MM:SS" (UTC), machine-readable in `dateTime`. */
export function Instant({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.replace('T', ' ').slice(0, 19)}</time>;
}
