import { findDevice, type DeviceEntry, type FactorSet } from '@greenops/factors';

/**
 * Distinct model strings remembered per device catalogue. The strings come from span attributes
 * (the sender's choice), so the memo starts again rather than grow without bound.
 */
export const MODELS_REMEMBERED_MAX = 4096;

const memo = new WeakMap<FactorSet['devices'], Map<string, DeviceEntry | undefined>>();

/**
 * `findDevice` (libs/factors), remembered per device catalogue and model string. A model named
 * by an alias ("NVIDIA GeForce RTX 4090") or unknown to the catalogue is normalised and compared
 * with every alias of every device, 30–60 µs on the shipped catalogue, and it was looked up for
 * every span naming it: in ingest's check, and twice in the projector (emissions, measures).
 * A catalogue is never changed once built (a tenant's factor set shares the shipped one's).
 */
export function deviceOf(set: FactorSet, model: string): DeviceEntry | undefined {
  let models = memo.get(set.devices);
  if (!models) {
    models = new Map();
    memo.set(set.devices, models);
  }
  if (models.has(model)) return models.get(model);
  const device = findDevice(set, model);
  if (models.size >= MODELS_REMEMBERED_MAX) models.clear();
  models.set(model, device);
  return device;
}
