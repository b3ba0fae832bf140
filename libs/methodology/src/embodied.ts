import type { ActivityMeasurements, Range } from '@greenops/domain';
import { ATTR } from './attributes';
import type { ResolvedHardware } from './device';
import type { FactorTrail } from './factor-trail';
import { factorRange, relativeBand } from './uncertainty';
import { fraction0, nonNegative, positive } from './validate';

/**
 * SCI embodied share: M = TE × (TiR / EL) × (RR / ToR).
 * TE  = embodied emissions of the devices (kgCO2e per device × count),
 * TiR = time reserved = the activity's duration, EL = expected active life (h),
 * RR/ToR = 1: the span reserves the whole device (count already expresses a partial host).
 * Report Table 5: amortise over the useful life, allocate by time.
 * Returns grams CO2e.
 */
function sciEmbodiedG(
  teKgPerDevice: Range,
  count: number,
  durationH: number,
  lifetimeH: number,
): Range {
  const share = (count * durationH) / lifetimeH;
  return {
    low: teKgPerDevice.low * 1000 * share,
    nominal: teKgPerDevice.nominal * 1000 * share,
    high: teKgPerDevice.high * 1000 * share,
  };
}

/**
 * Embodied emissions of the hardware an activity ran on, in order:
 * 1. span `greenops.hw.embodied_kgco2e` (× count; life from span, catalogue or the report workstation);
 * 2. catalogue embodied figure of `greenops.hw.model` (× count);
 * 3. the report's workstation (447 kgCO2e over 21,900 active h, Appendix 3) for one host — no
 *    cited per-GPU figure is shipped, so a GPU-only span is charged its host machine (and its
 *    energy includes the host: `device.gpu.host-it-uplift`).
 * Times `greenops.hw.embodied_share` (SCI RR/ToR, default 1): spans that overlap on one host
 * each hold it for their whole duration, so without a share each charges the host's full
 * time-share; sending 1/n on n concurrent spans (or 0 on nested child spans) counts it once.
 */
export function hardwareEmbodiedG(
  m: ActivityMeasurements,
  resolved: ResolvedHardware,
  durationH: number,
  trail: FactorTrail,
): Range {
  const hw = m.hw;
  const share = fraction0(m.embodiedShare, ATTR.embodiedShare) ?? 1;
  const spanEmbodied = nonNegative(hw?.embodiedKgCo2e, ATTR.hwEmbodied);
  const spanLifetime = positive(hw?.lifetimeH, ATTR.hwLifetime);
  const device = resolved.device;
  const lifetimeH = (): number =>
    spanLifetime ??
    (device?.lifetimeFactorId
      ? trail.use(device.lifetimeFactorId).value
      : trail.use('device.lifetime.workstation').value);

  if (spanEmbodied !== undefined) {
    const rel = trail.use('uncertainty.embodied-override.relative').value;
    return sciEmbodiedG(
      relativeBand(spanEmbodied, rel),
      resolved.count * share,
      durationH,
      lifetimeH(),
    );
  }
  if (device?.embodiedFactorId) {
    return sciEmbodiedG(
      factorRange(trail.use(device.embodiedFactorId)),
      resolved.count * share,
      durationH,
      lifetimeH(),
    );
  }
  const te = factorRange(trail.use('device.embodied.workstation'));
  return sciEmbodiedG(
    te,
    share,
    durationH,
    spanLifetime ?? trail.use('device.lifetime.workstation').value,
  );
}
