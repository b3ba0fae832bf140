import { DEFAULT_FACTOR_SET } from '@greenops/factors';
import { computeEmissions, lightingEnergyKwh, MethodologyInputError } from '../index';
import { activity } from '../testing/activity.fixture';

// Ember (via @tgwf/co2): GBR 215.79, USA 383.55, FRA 44.18 g/kWh. AWS PUE 1.15 (AWS, global PUE 2024).
describe('transfer (CO2.js Sustainable Web Design v4, production boundary)', () => {
  it('1 GB within the UK, without end-user devices (CT 2026 §6.1.2)', () => {
    const r = computeEmissions(activity('transfer', { transferBytes: 1e9, country: 'GB' }));
    // SWD v4 operational energy per GB: data centre 0.055 + network 0.059 = 0.114 kWh
    // (the device segment, 0.080 kWh, is the consumer's screen: left out)
    expect(r.energyKwh.nominal).toBeCloseTo(0.114, 9);
    // 0.114 × 215.79 = 24.60006 g
    expect(r.operationalG.nominal).toBeCloseTo(24.60006, 6);
    // SWD v4 embodied per GB: (0.012 + 0.013) kWh × 494 g/kWh (CO2.js global) = 12.35 g
    // (device embodied 0.081 kWh = 40.014 g left out)
    expect(r.embodiedG.nominal).toBeCloseTo(12.35, 6);
    // band ×0.5 .. ×2
    expect(r.co2eG.low).toBeCloseTo((24.60006 + 12.35) / 2, 6);
    expect(r.co2eG.high).toBeCloseTo((24.60006 + 12.35) * 2, 6);
    expect(r.pue).toBe(1);
    expect(r.scope).toBe(3);
    expect(r.modelId).toBe('transfer.co2js-swd-v4.production');
    // whole-system SWD would have been 0.194 × 215.79 + 0.106 × 494 = 94.2273 g: devices were
    // (0.080 × 215.79 + 0.081 × 494) / 94.2273 = 60.8 % of it
    expect(1 - r.co2eG.nominal / (0.194 * 215.79 + 0.106 * 494)).toBeCloseTo(0.6079, 3);
  });

  it('no bytes, no grams', () => {
    expect(computeEmissions(activity('transfer', { transferBytes: 0 })).co2eG.high).toBe(0);
  });
});

describe('storage (Wh per TB-hour × copies × PUE)', () => {
  it('2 TB of S3 object storage for a day in us-east-1', () => {
    const r = computeEmissions(
      activity(
        'storage',
        { storage: { bytes: 2e12 }, cloudProvider: 'aws', cloudRegion: 'us-east-1' },
        24 * 3600,
      ),
    );
    // 2 TB × 24 h × 0.65 Wh/TB-h (HDD-backed object, CCF) × 3 copies = 93.6 Wh
    expect(r.energyItKwh.nominal).toBeCloseTo(0.0936, 12);
    // × 1.15 = 0.10764 kWh × 383.55 = 41.285322 g
    expect(r.operationalG.nominal).toBeCloseTo(41.285322, 6);
    expect(r.scope).toBe(3);
    expect(r.modelId).toBe('storage.object.wh-per-tb-hour');
  });

  it('500 GB on a mirrored on-prem SSD for 30 days in France', () => {
    const r = computeEmissions(
      activity(
        'storage',
        { storage: { bytes: 5e11, media: 'ssd', replication: 2 }, country: 'FR' },
        720 * 3600,
      ),
    );
    // 0.5 TB × 720 h × 1.2 Wh/TB-h × 2 = 864 Wh; PUE 1.0; × 44.18 = 38.17152 g
    expect(r.operationalG.nominal).toBeCloseTo(38.17152, 6);
    expect(r.scope).toBe(2);
  });
});

// DESNZ GHG conversion factors 2025 (flat-file values, kgCO2e per unit; see libs/factors travel/onset data).
describe('travel and accommodation (DESNZ 2025)', () => {
  const travel = (t: object, extra: object = {}) =>
    computeEmissions(activity('travel', { travel: t as never, ...extra }));

  it('long-haul business flight for 2: with RF nominal, without RF low', () => {
    const r = travel({ mode: 'flight', distanceKm: 5555, passengers: 2, cabinClass: 'business' });
    // 5,555 km × 2 = 11,110 passenger-km × 0.3394 (with RF) = 3,333 + 437.734 = 3,770.734 kg
    expect(r.co2eG.nominal).toBeCloseTo(3_770_734, 3);
    // without RF: 11,110 × 0.20083 = 2,222 + 9.2213 = 2,231.2213 kg
    expect(r.co2eG.low).toBeCloseTo(2_231_221.3, 3);
    expect(r.scope).toBe(3);
    expect(r.category).toBe('scope3.cat6.business-travel');
  });

  it.each([
    [{ mode: 'flight', distanceKm: 1000, cabinClass: 'Economy' }, 125_760], // short-haul economy 1,000 × 0.12576 = 125.76 kg
    [{ mode: 'flight', distanceKm: 400 }, 91_712], // domestic 400 × 0.22928 = 91.712 kg
    [{ mode: 'rail', distanceKm: 300, passengers: 3 }, 31_914], // 300 × 3 = 900 passenger-km × 0.03546 = 31.914 kg
    [{ mode: 'taxi', distanceKm: 20, passengers: 4 }, 4_161.2], // one vehicle: 20 vehicle-km × 0.20806 = 4.1612 kg
    [{ mode: 'ferry', distanceKm: 50 }, 5_635], // 50 × 0.1127 (average, all passengers) = 5.635 kg
    [{ mode: 'van', distanceKm: 100 }, 25_561], // 100 × 0.25561 (average van, diesel) = 25.561 kg
  ])('%j → %d g', (t, grams) => {
    expect(travel(t).co2eG.nominal).toBeCloseTo(grams, 6);
  });

  it('car by fuel type per vehicle-km, or by litres burnt (Scope 1)', () => {
    // 200 km × 0.17304 (average diesel car) = 34.608 kg, passengers do not multiply a shared car
    expect(
      travel(
        { mode: 'car', distanceKm: 200, passengers: 3 },
        { fuel: { type: 'diesel', litres: undefined as never } },
      ).co2eG.nominal,
    ).toBeCloseTo(34_608, 6);
    // 15 l × 2.57082 kg/l (diesel, average biofuel blend) = 38.5623 kg
    const r = travel({ mode: 'car', distanceKm: 200 }, { fuel: { type: 'diesel', litres: 15 } });
    expect(r.co2eG.nominal).toBeCloseTo(38_562.3, 6);
    // high: 15 l × 2.66155 (100 % mineral diesel) = 39.92325 kg
    expect(r.co2eG.high).toBeCloseTo(39_923.25, 6);
    expect(r.scope).toBe(1);
  });

  it('hotel nights by country, UK figure as a wide-band proxy elsewhere', () => {
    const gb = computeEmissions(
      activity('accommodation', { accommodationNights: 3, country: 'GB' }),
    );
    // 3 × 10.4 kg = 31.2 kg
    expect(gb.co2eG.nominal).toBeCloseTo(31_200, 6);
    const fr = computeEmissions(
      activity('accommodation', { accommodationNights: 3, country: 'FR' }),
    );
    // no FR factor shipped: UK 10.4 nominal, band = lowest/highest DESNZ 2025 country figure
    // 3 × 4.7 (Costa Rica) = 14.1 kg; 3 × 152.2 (Maldives) = 456.6 kg
    expect(fr.co2eG.nominal).toBeCloseTo(31_200, 6);
    expect(fr.co2eG.low).toBeCloseTo(14_100, 6);
    expect(fr.co2eG.high).toBeCloseTo(456_600, 6);
  });
});

describe('onset.energy', () => {
  it('generator diesel is Scope 1: 100 l × 2.57082 kg/l = 257.082 kg', () => {
    const r = computeEmissions(
      activity('onset.energy', {
        onset: { source: 'diesel_generator' },
        fuel: { type: 'diesel', litres: 100 },
      }),
    );
    expect(r.co2eG.nominal).toBeCloseTo(257_082, 6);
    expect(r.scope).toBe(1);
    expect(r.category).toBe('scope1.stationary-combustion');
  });

  it('HVO: 100 l × 0.03558 kg/l = 3.558 kg (biogenic CO2 outside scopes)', () => {
    const r = computeEmissions(activity('onset.energy', { fuel: { type: 'HVO', litres: 100 } }));
    expect(r.co2eG.nominal).toBeCloseTo(3_558, 6);
  });

  it('grid tie-in is Scope 2: 50 kWh × 215.79 = 10,789.5 g', () => {
    const r = computeEmissions(
      activity('onset.energy', { onset: { source: 'grid' }, energyKwh: 50, country: 'GB' }),
    );
    expect(r.co2eG.nominal).toBeCloseTo(10_789.5, 6);
    expect(r.scope).toBe(2);
  });

  it('lighting what-if: 10 fixtures × 10 h, LED 400 W vs tungsten 2 kW', () => {
    expect(lightingEnergyKwh('led', 10, 10, DEFAULT_FACTOR_SET).nominal).toBeCloseTo(40, 9);
    expect(lightingEnergyKwh('tungsten', 10, 10, DEFAULT_FACTOR_SET).nominal).toBeCloseTo(200, 9);
    const r = computeEmissions(
      activity(
        'onset.energy',
        { onset: { lightingType: 'hmi' }, hw: { count: 4 }, country: 'GB' },
        5 * 3600,
      ),
    );
    // 4 × 1.2 kW × 5 h = 24 kWh × 215.79 = 5,178.96 g
    expect(r.operationalG.nominal).toBeCloseTo(5178.96, 6);
    expect(r.tier).toBe('proxy');
  });

  it.each([
    ['onset.energy', {}, 'greenops.energy.kwh'],
    ['onset.energy', { fuel: { type: 'kerosene', litres: 3 } }, 'greenops.fuel.type'],
    ['onset.energy', { onset: { lightingType: 'candle' } }, 'greenops.lighting.type'],
    ['travel', {}, 'greenops.travel.mode'],
    ['travel', { travel: { mode: 'flight', distanceKm: -5 } }, 'greenops.travel.distance_km'],
    ['accommodation', {}, 'greenops.accommodation.nights'],
    ['transfer', {}, 'greenops.transfer.bytes'],
    ['storage', { storage: { bytes: 1, media: 'floppy' } }, 'greenops.storage.media'],
  ] as const)('%s %j → error on %s', (kind, measurements, field) => {
    try {
      computeEmissions(activity(kind, measurements as never));
      throw new Error('expected an input error');
    } catch (e) {
      expect(e).toBeInstanceOf(MethodologyInputError);
      expect((e as MethodologyInputError).field).toBe(field);
    }
  });
});
