import type { Activity, EmissionResult } from '@greenops/domain';
import { computeEmissions } from '../compute-emissions';
import { MethodologyInputError } from '../errors';
import type { ComputeOptions } from '../options';
import {
  allocateMeteredPeriod,
  type AllocationComponent,
  type AllocationKey,
  type IdleEvidence,
} from './metered-period';

/** A period's meter reading as a tenant records it (the MeteredPeriodRecorded event's payload). */
export interface MeteredPeriodReading {
  periodId: string;
  site: string;
  /** ISO 8601 instants; `to` after `from`. */
  from: string;
  to: string;
  /** Metered IT energy of the period, kWh. */
  energyKwh: number;
  country?: string;
  facilityType?: 'workstation' | 'server-room' | 'data-centre';
  hwModel?: string;
  hwCount?: number;
  key: AllocationKey;
  outputs: ReadonlyArray<{ projectId: string; artifactId?: string; quantity: number }>;
  idleCapacity?: number;
  idleEnergyItKwh?: number;
}

export interface AllocatedOutputLine {
  /** Index of the output in the reading. */
  output: number;
  /** Stable id of the output within the period: its project and artifact. */
  outputId: string;
  component: AllocationComponent;
  result: EmissionResult;
}

/** Category suffix that keeps idle capacity apart in every by-category view. */
export const IDLE_CAPACITY_CATEGORY_SUFFIX = '.idle-capacity';

/**
 * A period's meter reading, allocated (Carbon Trust 2026, Table 7 method 3; docs/methodology.md
 * §6b): the reading is computed as a measured `render` activity over the period (its energy ×
 * the site's PUE × the grid, plus the hardware's embodied share for the period), then shared
 * across the outputs by the key, with idle capacity as its own component and its own category
 * (`<category>.idle-capacity`). Errors name the reading's field (`outputs[2].quantity`, …).
 */
export function allocateMeteredReading(
  tenant: string,
  reading: MeteredPeriodReading,
  options: ComputeOptions = {},
): AllocatedOutputLine[] {
  const fromMs = Date.parse(reading.from);
  const toMs = Date.parse(reading.to);
  if (!(toMs > fromMs)) throw new MethodologyInputError('to', 'must be after from');
  if (reading.idleCapacity !== undefined && reading.idleEnergyItKwh !== undefined) {
    throw new MethodologyInputError(
      'idleCapacity',
      'give either idleCapacity or idleEnergyItKwh, not both',
    );
  }
  const meterActivity: Activity = {
    tenant,
    projectId: reading.outputs[0]?.projectId ?? reading.site,
    kind: 'render',
    name: `metered period ${reading.periodId} at ${reading.site}`,
    traceId: '00000000000000000000000000000000',
    spanId: '0000000000000000',
    startTime: new Date(fromMs).toISOString(),
    endTime: new Date(toMs).toISOString(),
    durationS: (toMs - fromMs) / 1000,
    measurements: {
      energyKwh: reading.energyKwh,
      energyBoundary: 'it',
      ...(reading.country ? { country: reading.country } : {}),
      ...(reading.facilityType ? { facilityType: reading.facilityType } : {}),
      ...(reading.hwModel || reading.hwCount
        ? {
            hw: {
              ...(reading.hwModel ? { model: reading.hwModel } : {}),
              ...(reading.hwCount ? { count: reading.hwCount } : {}),
            },
          }
        : {}),
    },
  };
  const meter = computeEmissions(meterActivity, options);
  const ids = reading.outputs.map((o) => JSON.stringify([o.projectId, o.artifactId ?? null]));
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      throw new MethodologyInputError(
        `outputs[${i}]`,
        'names the same project and artifact as an earlier output: one line per output',
      );
    }
    seen.add(id);
  });
  const idle: IdleEvidence | undefined =
    reading.idleCapacity !== undefined
      ? { capacity: reading.idleCapacity }
      : reading.idleEnergyItKwh !== undefined
        ? { idleEnergyItKwh: reading.idleEnergyItKwh }
        : undefined;
  const allocation = allocateMeteredPeriod({
    meter,
    key: reading.key,
    outputs: ids.map((id, i) => ({ id, quantity: reading.outputs[i].quantity })),
    idle,
  });
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  return allocation.lines.map((line) => ({
    output: indexOf.get(line.outputId)!,
    outputId: line.outputId,
    component: line.component,
    result:
      line.component === 'idle-capacity'
        ? {
            ...line.result,
            category: `${line.result.category}${IDLE_CAPACITY_CATEGORY_SUFFIX}`,
          }
        : line.result,
  }));
}
