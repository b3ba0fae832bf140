import type { Range } from '@greenops/domain';

/**
 * What moving a holding to another media tier avoids per day: the rate now minus the rate on
 * the target tier. The two rates come from independent per-media coefficients
 * (docs/methodology.md, storage), so the band is interval subtraction — least avoided when the
 * current tier is at its low end and the target at its high end — which always brackets the
 * nominal. Subtracting low from low and high from high does not: HDD (0.325–0.975 Wh/TB-h) to
 * tape (0–0.65) would give low = high below nominal. Never below zero: a move to a dearer tier
 * avoids nothing.
 */
export function moveAvoidedGPerDay(now: Range, onTarget: Range): Range {
  return {
    low: Math.max(0, now.low - onTarget.high),
    nominal: Math.max(0, now.nominal - onTarget.nominal),
    high: Math.max(0, now.high - onTarget.low),
  };
}
