import type { ApiKeyInfo } from '@greenops/persistence';

const COLUMNS = ['ID', 'TENANT', 'ROLES', 'PREFIX', 'CREATED', 'REVOKED'] as const;

/** UTC to the second: enough to tell keys apart, short enough for a terminal. */
function instant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `keys list` as an aligned text table, header first. */
export function keyTable(keys: readonly ApiKeyInfo[]): string[] {
  const rows = keys.map((k) => [
    k.id,
    k.tenant,
    k.roles.join(','),
    k.prefix,
    instant(k.createdAt),
    k.revokedAt ? instant(k.revokedAt) : '-',
  ]);
  const all = [[...COLUMNS], ...rows];
  const widths = COLUMNS.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  return all.map((row) =>
    row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '),
  );
}

/** `keys list --json`: the same fields, dates as ISO 8601. */
export function keyJson(keys: readonly ApiKeyInfo[]): string {
  return JSON.stringify(
    keys.map((k) => ({
      id: k.id,
      tenant: k.tenant,
      roles: k.roles,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
    })),
  );
}
