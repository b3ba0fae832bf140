import { DEFAULT_FACTOR_SET, findDevice, type FactorSet } from '@greenops/factors';
import { deviceOf, MODELS_REMEMBERED_MAX } from './device-lookup';

describe('deviceOf', () => {
  const set = DEFAULT_FACTOR_SET;
  const names = [
    ...Object.keys(set.devices),
    ...Object.values(set.devices).flatMap((d) => d.aliases),
    ...Object.values(set.devices).flatMap((d) => d.aliases.map((a) => `  ${a.toUpperCase()} `)),
    'unknown-gpu-x',
    '',
  ];

  it('finds what findDevice finds, for keys, aliases, spellings and unknown models, asked twice', () => {
    for (const round of [1, 2])
      for (const name of names)
        expect([round, name, deviceOf(set, name)]).toEqual([round, name, findDevice(set, name)]);
    // The shipped catalogue has aliases, so the alias cases above are exercised.
    expect(Object.values(set.devices).some((d) => d.aliases.length > 0)).toBe(true);
  });

  it('answers per catalogue: another catalogue with the same model names its own device', () => {
    const [key, device] = Object.entries(set.devices)[0];
    const other: FactorSet = {
      ...set,
      devices: { [key]: { ...device, aliases: [] } },
    };
    expect(deviceOf(set, key)).toBe(set.devices[key]);
    expect(deviceOf(other, key)).toBe(other.devices[key]);
    expect(deviceOf(other, device.aliases[0] ?? 'no alias')).toBeUndefined();
  });

  it('stays right once it has forgotten (more distinct models than it remembers)', () => {
    const [key] = Object.keys(set.devices);
    expect(deviceOf(set, key)).toBe(set.devices[key]);
    for (let i = 0; i <= MODELS_REMEMBERED_MAX; i++) deviceOf(set, `unknown-${i}`);
    expect(deviceOf(set, key)).toBe(set.devices[key]);
    expect(deviceOf(set, 'unknown-0')).toBeUndefined();
  });
});
