import type { ApiKeyInfo } from '@greenops/persistence';
import { keyJson, keyTable } from './key-table';

const KEYS: ApiKeyInfo[] = [
  {
    id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenant: 'acme',
    roles: ['ingest', 'read'],
    prefix: 'gok_Ab',
    createdAt: new Date('2026-11-29T14:36:12.345Z'),
    revokedAt: null,
  },
  {
    id: '9b2c1d7e-0000-4000-8000-000000000001',
    tenant: 'studio-b',
    roles: ['admin'],
    prefix: 'key-b-',
    createdAt: new Date('2026-11-30T08:00:00.000Z'),
    revokedAt: new Date('2026-12-01T09:30:00.999Z'),
  },
];

describe('keyTable', () => {
  it('aligns the columns and shows revocation, never more than the prefix', () => {
    expect(keyTable(KEYS)).toEqual([
      'ID                                    TENANT    ROLES        PREFIX  CREATED               REVOKED',
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301  acme      ingest,read  gok_Ab  2026-11-29T14:36:12Z  -',
      '9b2c1d7e-0000-4000-8000-000000000001  studio-b  admin        key-b-  2026-11-30T08:00:00Z  2026-12-01T09:30:00Z',
    ]);
  });

  it('JSON keeps the same fields with full ISO timestamps', () => {
    expect(JSON.parse(keyJson(KEYS))).toEqual([
      {
        id: KEYS[0]!.id,
        tenant: 'acme',
        roles: ['ingest', 'read'],
        prefix: 'gok_Ab',
        createdAt: '2026-11-29T14:36:12.345Z',
        revokedAt: null,
      },
      {
        id: KEYS[1]!.id,
        tenant: 'studio-b',
        roles: ['admin'],
        prefix: 'key-b-',
        createdAt: '2026-11-30T08:00:00.000Z',
        revokedAt: '2026-12-01T09:30:00.999Z',
      },
    ]);
  });
});
