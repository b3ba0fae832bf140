import { BACKENDS, type OpenedBackend } from './testing/backends';

/** The largest finite float8 (IEEE 754 binary64): 2^1024 − 2^971. */
const MAX_FLOAT8 = 1.7976931348623157e308;

describe.each(BACKENDS)('greenops_clamp_float8 on $name', (backend) => {
  let opened: OpenedBackend;
  const q = <T>(sql: string): Promise<T[]> => opened.db.dataSource.query(sql) as Promise<T[]>;

  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(() => opened?.dispose());

  it('keeps a float8-range sum and clamps one beyond it; null stays null', async () => {
    const [row] = await q<Record<string, number | null>>(`
      select greenops_clamp_float8(0.1::numeric + 0.2::numeric) as small,
             greenops_clamp_float8(-12.5) as negative,
             greenops_clamp_float8(2e308) as above,
             greenops_clamp_float8(-2e308) as below,
             greenops_clamp_float8('NaN'::numeric) as nan,
             greenops_clamp_float8(null) as missing`);
    // 0.1 + 0.2 in numeric is exactly 0.3, whose nearest double is the literal 0.3.
    expect(row).toEqual({
      small: 0.3,
      negative: -12.5,
      above: MAX_FLOAT8,
      below: -MAX_FLOAT8,
      // NaN sorts above every number in numeric, so it clamps to the top (as GREATEST/LEAST did).
      nan: MAX_FLOAT8,
      missing: null,
    });
  });

  it('is inlined into the calling query (no nested statement per call)', async () => {
    const plan = await q<{ 'QUERY PLAN': string }>(
      `explain (verbose, costs off) select greenops_clamp_float8(x::numeric) from generate_series(1, 3) x`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('numeric_larger');
    expect(text).not.toContain('greenops_clamp_float8');
  });
});
