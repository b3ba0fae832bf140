import type { EmissionResult } from '@greenops/domain';
import { MethodologyInputError } from '../errors';
import { scaleEmissionResult } from '../scale-result';

/** Keys a period's metered energy can be shared by (CT 2026 Table 7, method 3). */
export const ALLOCATION_KEYS = ['gpu-hours', 'job-hours'] as const;
export type AllocationKey = (typeof ALLOCATION_KEYS)[number];

/** Most outputs one period may be allocated to (one call, one bounded piece of work). */
export const MAX_PERIOD_OUTPUTS = 100_000;

/** One output of the period (a render job, a shot version) and its amount of the key. */
export interface PeriodOutput {
  id: string;
  /** GPU-hours or job-hours this output used in the period. */
  quantity: number;
}

/**
 * What tells the idle part of the meter reading apart (CT 2026 §6.1.2: idle capacity "should be
 * included"): the capacity provisioned over the period, in the key's unit (e.g. 8 GPUs ×
 * 720 h = 5,760 GPU-hours), or the idle IT energy measured directly (e.g. GPU telemetry).
 */
export type IdleEvidence = { capacity: number } | { idleEnergyItKwh: number };

export interface MeteredPeriodInput {
  /** The period's meter reading as computed like any span (`computeEmissions` of it). */
  meter: EmissionResult;
  key: AllocationKey;
  outputs: readonly PeriodOutput[];
  /** Without it, idle capacity stays inside the metered shares (allocated, not shown apart). */
  idle?: IdleEvidence;
}

export type AllocationComponent = 'metered' | 'idle-capacity';

export interface AllocatedLine {
  outputId: string;
  component: AllocationComponent;
  /** Fraction of the meter's result this line carries. */
  share: number;
  /** The meter's result × share, `modelId` `method3.<key>.<component>`. */
  result: EmissionResult;
}

export interface MeteredPeriodAllocation {
  key: AllocationKey;
  totalQuantity: number;
  /** Fraction of the period's figures that was idle capacity (0 without idle evidence). */
  idleShare: number;
  lines: AllocatedLine[];
}

/**
 * Method 3 of CT 2026 Table 7: a period's metered energy (a render farm's or studio's monthly
 * meter reading) allocated across the period's outputs by a stated key, with idle capacity
 * allocated the same way as its own component. Each output i with quantity qᵢ of Q in all gets
 *   metered: (1 − idle) × qᵢ/Q of every figure of the meter's result;
 *   idle capacity: idle × qᵢ/Q,
 * where idle = 1 − Q/capacity (provisioned time not used: a time share, like SCI's embodied
 * share) or the measured idle IT energy ÷ the meter's IT energy. The lines always add up to the
 * meter's result: nothing is lost or counted twice. Invalid input throws MethodologyInputError
 * naming the field (`outputs[3].quantity`, `idle.capacity`, …).
 */
export function allocateMeteredPeriod(input: MeteredPeriodInput): MeteredPeriodAllocation {
  const { meter, key, outputs } = input;
  if (!(ALLOCATION_KEYS as readonly string[]).includes(key)) {
    throw new MethodologyInputError('key', `must be one of ${ALLOCATION_KEYS.join(', ')}`);
  }
  if (!Array.isArray(outputs) || outputs.length === 0 || outputs.length > MAX_PERIOD_OUTPUTS) {
    throw new MethodologyInputError(
      'outputs',
      `must list 1 to ${MAX_PERIOD_OUTPUTS} outputs of the period`,
    );
  }
  const seen = new Set<string>();
  let totalQuantity = 0;
  outputs.forEach((o, i) => {
    if (typeof o.id !== 'string' || o.id.trim() === '' || seen.has(o.id)) {
      throw new MethodologyInputError(
        `outputs[${i}].id`,
        'must be a non-empty id, once per period',
      );
    }
    seen.add(o.id);
    if (typeof o.quantity !== 'number' || !Number.isFinite(o.quantity) || o.quantity < 0) {
      throw new MethodologyInputError(
        `outputs[${i}].quantity`,
        `must be a finite number of ${key} ≥ 0, got ${String(o.quantity)}`,
      );
    }
    totalQuantity += o.quantity;
  });
  if (!(totalQuantity > 0)) {
    throw new MethodologyInputError(
      'outputs',
      `the outputs used no ${key}: nothing to allocate by`,
    );
  }
  const idleShare = idleShareOf(input.idle, totalQuantity, meter);
  const lines: AllocatedLine[] = [];
  for (const o of outputs) {
    const weight = o.quantity / totalQuantity;
    lines.push(line(o.id, 'metered', (1 - idleShare) * weight, input));
    if (idleShare > 0) lines.push(line(o.id, 'idle-capacity', idleShare * weight, input));
  }
  return { key, totalQuantity, idleShare, lines };
}

function idleShareOf(
  idle: IdleEvidence | undefined,
  totalQuantity: number,
  meter: EmissionResult,
): number {
  if (idle === undefined) return 0;
  if ('capacity' in idle) {
    const c = idle.capacity;
    if (typeof c !== 'number' || !Number.isFinite(c) || c < totalQuantity) {
      throw new MethodologyInputError(
        'idle.capacity',
        `must be a finite number ≥ the outputs' total ${totalQuantity}, got ${String(c)}`,
      );
    }
    return 1 - totalQuantity / c;
  }
  const e = idle.idleEnergyItKwh;
  const meterKwh = meter.energyItKwh.nominal;
  if (typeof e !== 'number' || !Number.isFinite(e) || e < 0 || e > meterKwh || !(meterKwh > 0)) {
    throw new MethodologyInputError(
      'idle.idleEnergyItKwh',
      `must be a finite number of kWh in [0, ${meterKwh}] (the meter's IT energy), got ${String(e)}`,
    );
  }
  return e / meterKwh;
}

function line(
  outputId: string,
  component: AllocationComponent,
  share: number,
  input: MeteredPeriodInput,
): AllocatedLine {
  return {
    outputId,
    component,
    share,
    result: scaleEmissionResult(input.meter, share, {
      modelId: `method3.${input.key}.${component}`,
      notes: [`allocated from ${input.meter.modelId} by ${input.key} (CT 2026 Table 7, method 3)`],
    }),
  };
}
