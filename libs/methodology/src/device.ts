import type { HardwareInputs } from '@greenops/domain';
import type { DeviceEntry } from '@greenops/factors';
import { ATTR } from './attributes';
import { deviceOf } from './device-lookup';
import type { FactorTrail } from './factor-trail';
import { fraction, positive } from './validate';

export interface ResolvedHardware {
  /** Catalogue entry for `greenops.hw.model`, when the model is known. */
  device?: DeviceEntry;
  count: number;
  /** `greenops.hw.utilization` when sent; absent means "not reported", not 1. */
  utilization?: number;
}

/** Count defaults to 1; utilisation is left absent when the span does not report it. */
export function resolveHardware(
  hw: HardwareInputs | undefined,
  trail: FactorTrail,
): ResolvedHardware {
  const count = positive(hw?.count, ATTR.hwCount) ?? 1;
  const utilization = fraction(hw?.utilization, ATTR.hwUtilization);
  const device = hw?.model ? deviceOf(trail.set, hw.model) : undefined;
  return { device, count, utilization };
}
