export interface EmissionsLike {
  energyKwh: number;
  co2eG: number;
  co2eMarketG: number;
  operationalG: number;
  embodiedG: number;
  trainingG: number;
  lowG: number;
  highG: number;
}

const EMISSION_FIELDS = [
  'energyKwh',
  'co2eG',
  'co2eMarketG',
  'operationalG',
  'embodiedG',
  'trainingG',
  'lowG',
  'highG',
];

/** Exact within float tolerance, plus the invariants every figure must keep. */
export function expectEmissions(
  actual: EmissionsLike | undefined,
  expected: Partial<EmissionsLike>,
): void {
  // One assertion over every expected field: a missing project (undefined) or a wrong field
  // fails with the whole diff. Other keys (e.g. activityCount) are asserted by the caller.
  expect(actual).toEqual(
    expect.objectContaining(
      Object.fromEntries(
        Object.entries(expected)
          .filter(([field]) => EMISSION_FIELDS.includes(field))
          .map(([field, value]) => [field, expect.closeTo(value as number, 6)]),
      ),
    ),
  );
  const a = actual as EmissionsLike;
  expect(a.co2eG).toBeCloseTo(a.operationalG + a.embodiedG + a.trainingG, 6);
  expect(a.lowG).toBeLessThanOrEqual(a.co2eG + 1e-9);
  expect(a.highG).toBeGreaterThanOrEqual(a.co2eG - 1e-9);
}
