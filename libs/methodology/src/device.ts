import type { HardwareInputs } from '@greenops/domain';
import { findDevice, type DeviceEntry } from '@greenops/factors';
import { ATTR } from './attributes';
import type { FactorTrail } from './factor-trail';
import { fraction, positive } from './validate';

export interface ResolvedHardware {
  /** Catalogue entry for `greenops.hw.model`, when the model is known. */
  device?: DeviceEntry;
  count: number;
  utilization: number;
}

/** Count defaults to 1 and utilisation to 1 (a render holds its devices for the whole span). */
export function resolveHardware(
  hw: HardwareInputs | undefined,
  trail: FactorTrail,
): ResolvedHardware {
  const count = positive(hw?.count, ATTR.hwCount) ?? 1;
  const utilization = fraction(hw?.utilization, ATTR.hwUtilization) ?? 1;
  const device = hw?.model ? findDevice(trail.set, hw.model) : undefined;
  return { device, count, utilization };
}
