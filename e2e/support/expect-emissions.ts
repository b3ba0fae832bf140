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
  expect(actual).toBeDefined();
  const a = actual as EmissionsLike;
  for (const [field, value] of Object.entries(expected)) {
    if (!EMISSION_FIELDS.includes(field)) continue; // e.g. activityCount, asserted by the caller
    expect({ field, value: a[field as keyof EmissionsLike] }).toEqual({
      field,
      value: expect.closeTo(value as number, 6),
    });
  }
  expect(a.co2eG).toBeCloseTo(a.operationalG + a.embodiedG + a.trainingG, 6);
  expect(a.lowG).toBeLessThanOrEqual(a.co2eG + 1e-9);
  expect(a.highG).toBeGreaterThanOrEqual(a.co2eG - 1e-9);
}
