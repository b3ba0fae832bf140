import { Inject, Optional, UseGuards } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import {
  encodeLogRecord,
  MAX_METERED_PERIOD_OUTPUTS,
  meteredPeriodEventId,
  TENANT_SCOPE_PROJECT,
  type MeteredPeriodRecorded,
} from '@greenops/contracts';
import type { FactorSetCatalog } from '@greenops/factors';
import type { EventLogPublisher } from '@greenops/messaging';
import {
  allocateMeteredReading,
  MethodologyInputError,
  type MeteredPeriodReading,
} from '@greenops/methodology';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import {
  GATEWAY_FACTOR_CATALOG,
  GATEWAY_FACTOR_SETS,
  GATEWAY_PUBLISHER,
  type FactorSetAdmin,
} from '../gateway-queries.port';
import { checkId } from './argument-checks';
import { MeteredPeriodInput, MeteredPeriodReceipt } from './metered-period.types';

/** A reading covers at most a year (monthly readings are the common case). */
const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Metered periods (docs/methodology.md §6b): a period's meter reading becomes a
 * MeteredPeriodRecorded event; the projector allocates it to the outputs' projects, idle
 * capacity apart. The reading is checked and allocated here first, with the tenant's current
 * factors, so a reading the methodology cannot allocate is refused now, naming the field.
 */
@Resolver()
@UseGuards(ApiKeyGuard)
export class MeteredPeriodResolver {
  constructor(
    @Inject(GATEWAY_FACTOR_SETS) private readonly factorSets: FactorSetAdmin,
    @Inject(GATEWAY_FACTOR_CATALOG) private readonly catalog: FactorSetCatalog,
    @Optional() @Inject(GATEWAY_PUBLISHER) private readonly publisher?: EventLogPublisher,
  ) {}

  @Mutation(() => MeteredPeriodReceipt, {
    description:
      "Records a period's meter reading (role admin), allocated across its outputs by GPU-hours or job-hours with idle capacity apart (Carbon Trust 2026, Table 7 method 3). The same periodId again replaces the earlier allocation.",
  })
  @RequireRole('admin')
  async recordMeteredPeriod(
    @Tenant() tenant: string,
    @Args('input', { type: () => MeteredPeriodInput }) input: MeteredPeriodInput,
  ): Promise<MeteredPeriodReceipt> {
    const reading = checkedReading(input);
    const state = await this.factorSets.state(tenant);
    const factorSet = await this.catalog.get(tenant, state.currentFactorSetVersion);
    let lines;
    try {
      lines = allocateMeteredReading(tenant, reading, { factorSet });
    } catch (error) {
      if (error instanceof MethodologyInputError)
        throw GatewayError.invalidArgument(`input.${error.field}`, error.reason);
      throw error;
    }
    if (!this.publisher) {
      throw new GatewayError(
        'EVENT_LOG_UNAVAILABLE',
        'Recording metered periods needs the event log (set GREENOPS_KAFKA_BROKERS)',
      );
    }
    const now = new Date().toISOString();
    const event: MeteredPeriodRecorded = {
      id: meteredPeriodEventId(tenant, reading.periodId, now),
      type: 'MeteredPeriodRecorded',
      version: 1,
      tenant,
      projectId: TENANT_SCOPE_PROJECT,
      occurredAt: reading.to,
      recordedAt: now,
      payload: { ...reading, outputs: [...reading.outputs] },
    };
    const encoded = encodeLogRecord(event);
    if (!encoded.ok) {
      throw GatewayError.invalidArgument(
        `input.${encoded.field.replace(/^payload\./, '')}`,
        encoded.reason,
      );
    }
    await this.publisher.publish([encoded.record]);
    const total = lines.reduce((g, l) => g + l.result.co2eG.nominal, 0);
    const idle = lines
      .filter((l) => l.component === 'idle-capacity')
      .reduce((g, l) => g + l.result.co2eG.nominal, 0);
    return Object.assign(new MeteredPeriodReceipt(), {
      periodId: reading.periodId,
      eventId: event.id,
      idleShare: total > 0 ? idle / total : 0,
      lines: lines.map((l) => ({
        projectId: reading.outputs[l.output].projectId,
        artifactId: reading.outputs[l.output].artifactId,
        component: l.component,
        category: l.result.category,
        co2eG: l.result.co2eG.nominal,
      })),
    });
  }
}

function checkedReading(input: MeteredPeriodInput): MeteredPeriodReading {
  const fromMs = Date.parse(input.from);
  const toMs = Date.parse(input.to);
  if (Number.isNaN(fromMs))
    throw GatewayError.invalidArgument('input.from', 'must be an ISO 8601 instant');
  if (Number.isNaN(toMs))
    throw GatewayError.invalidArgument('input.to', 'must be an ISO 8601 instant');
  if (toMs <= fromMs) throw GatewayError.invalidArgument('input.to', 'must be after from');
  if (toMs - fromMs > MAX_PERIOD_DAYS * DAY_MS)
    throw GatewayError.invalidArgument(
      'input.to',
      `a period spans at most ${MAX_PERIOD_DAYS} days`,
    );
  if (toMs > Date.now() + DAY_MS)
    throw GatewayError.invalidArgument('input.to', 'must not be more than a day in the future');
  const finite = (field: string, value: number, max: number) => {
    if (!Number.isFinite(value) || value < 0 || value > max)
      throw GatewayError.invalidArgument(field, `must be a number in [0, ${max}]`);
    return value;
  };
  if (input.outputs.length === 0 || input.outputs.length > MAX_METERED_PERIOD_OUTPUTS) {
    throw GatewayError.invalidArgument(
      'input.outputs',
      `must list 1–${MAX_METERED_PERIOD_OUTPUTS} outputs`,
    );
  }
  const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
  const country = optional(input.country);
  if (country !== undefined && !/^[A-Z]{2}$/.test(country))
    throw GatewayError.invalidArgument('input.country', 'must be an ISO 3166-1 alpha-2 code');
  const hwCount = optional(input.hwCount);
  if (hwCount !== undefined && !(Number.isInteger(hwCount) && hwCount >= 1 && hwCount <= 1e6))
    throw GatewayError.invalidArgument('input.hwCount', 'must be a whole number in [1, 1000000]');
  return {
    periodId: checkId('input.periodId', input.periodId),
    site: checkId('input.site', input.site),
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    energyKwh: finite('input.energyKwh', input.energyKwh, 1e9),
    ...(country ? { country } : {}),
    ...(input.facilityType ? { facilityType: input.facilityType } : {}),
    ...(input.hwModel ? { hwModel: checkId('input.hwModel', input.hwModel) } : {}),
    ...(hwCount ? { hwCount } : {}),
    key: input.key,
    outputs: input.outputs.map((o, i) => ({
      projectId: checkId(`input.outputs[${i}].projectId`, o.projectId),
      ...(o.artifactId
        ? { artifactId: checkId(`input.outputs[${i}].artifactId`, o.artifactId) }
        : {}),
      quantity: finite(`input.outputs[${i}].quantity`, o.quantity, 1e9),
    })),
    ...(input.idleCapacity !== undefined && input.idleCapacity !== null
      ? { idleCapacity: finite('input.idleCapacity', input.idleCapacity, 1e12) }
      : {}),
    ...(input.idleEnergyItKwh !== undefined && input.idleEnergyItKwh !== null
      ? { idleEnergyItKwh: finite('input.idleEnergyItKwh', input.idleEnergyItKwh, 1e9) }
      : {}),
  };
}
