import { Inject, Optional, UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_FACTOR_SET, overrideProblems } from '@greenops/factors';
import type { EventLogPublisher } from '@greenops/messaging';
import type { FactorOverride as FactorOverrideValue } from '@greenops/domain';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { Tenant } from '../auth/tenant-context';
import {
  GATEWAY_FACTOR_SETS,
  GATEWAY_PUBLISHER,
  type FactorSetAdmin,
} from '../gateway-queries.port';
import { GatewayError } from '../errors/gateway-error';
import { checkId, checkText } from './argument-checks';
import { factorSetPublication, publicationError } from './factor-set-publication';
import { oneRoundTrip } from './round-trip-cost';
import {
  FactorSetPublication,
  ProjectionStatus,
  PublishFactorSetInput,
  TenantFactorSet,
} from './factor-set.types';

// A month of one grid's hourly series is 744; the event must stay under Kafka's 1 MB message default.
const MAX_OVERRIDES = 5000;
const MAX_NAME_CHARS = 200;
const MAX_SOURCE_CHARS = 1000;
const MAX_NOTE_CHARS = 2000;

/**
 * Tenant factor sets (docs/architecture.md, "Factor sets and projection rebuilds"): publish overrides of the shipped catalogue as a
 * FactorSetPublished event; the projector records it and rebuilds the tenant's projection with it.
 */
@Resolver()
@UseGuards(ApiKeyGuard)
export class FactorSetsResolver {
  constructor(
    @Inject(GATEWAY_FACTOR_SETS) private readonly admin: FactorSetAdmin,
    @Optional() @Inject(GATEWAY_PUBLISHER) private readonly publisher?: EventLogPublisher,
  ) {}

  @Mutation(() => FactorSetPublication, {
    description:
      "Publishes overrides of the factor catalogue for the caller's tenant (role: admin); its data is then recomputed.",
  })
  @RequireRole('admin')
  async publishFactorSet(
    @Tenant() tenant: string,
    @Args('input', { type: () => PublishFactorSetInput }) input: PublishFactorSetInput,
  ): Promise<FactorSetPublication> {
    const name = checkText('input.name', input.name.trim(), MAX_NAME_CHARS);
    if (name.length === 0) {
      throw GatewayError.invalidArgument('input.name', `must be 1–${MAX_NAME_CHARS} characters`);
    }
    if (input.factors.length === 0 || input.factors.length > MAX_OVERRIDES) {
      throw GatewayError.invalidArgument('input.factors', `must hold 1–${MAX_OVERRIDES} overrides`);
    }
    input.factors.forEach((f, i) => {
      checkId(`input.factors[${i}].id`, f.id);
      checkId(`input.factors[${i}].unit`, f.unit);
      checkText(`input.factors[${i}].source`, f.source, MAX_SOURCE_CHARS);
      if (f.note !== undefined && f.note !== null) {
        checkText(`input.factors[${i}].note`, f.note, MAX_NOTE_CHARS);
      }
    });
    const published: FactorOverrideValue[] = input.factors.map((f) => ({
      id: f.id,
      value: f.value,
      unit: f.unit,
      source: f.source,
      year: f.year,
      ...(f.low === undefined || f.low === null ? {} : { low: f.low }),
      ...(f.high === undefined || f.high === null ? {} : { high: f.high }),
      ...(f.note === undefined || f.note === null ? {} : { note: f.note }),
    }));
    const problems = overrideProblems(DEFAULT_FACTOR_SET, published);
    if (problems.length > 0) {
      throw new GatewayError('INVALID_ARGUMENT', `input.${problems.join('; input.')}`, {
        field: 'input.factors',
      });
    }
    const factors = input.extendLatest ? await this.extendLatest(tenant, published) : published;
    if (factors.length > MAX_OVERRIDES) {
      throw GatewayError.invalidArgument(
        'input.factors',
        `the extended set would hold ${factors.length} factors, more than ${MAX_OVERRIDES}`,
      );
    }
    if (!this.publisher) {
      throw new GatewayError(
        'EVENT_LOG_UNAVAILABLE',
        'Publishing factor sets needs the event log (set GREENOPS_KAFKA_BROKERS)',
      );
    }
    const publication = factorSetPublication(
      tenant,
      DEFAULT_FACTOR_SET.version,
      name,
      factors,
      new Date(),
    );
    if (!publication.ok) throw publicationError(publication);
    await this.publisher.publish([publication.record]);
    return Object.assign(new FactorSetPublication(), {
      version: publication.event.payload.version,
      baseVersion: publication.event.payload.baseVersion,
      factorCount: factors.length,
    });
  }

  /** The tenant's latest set (being built, else served) with `published` added or replacing by id. */
  private async extendLatest(
    tenant: string,
    published: FactorOverrideValue[],
  ): Promise<FactorOverrideValue[]> {
    const state = await this.admin.state(tenant);
    const latest = state.building?.factorSetVersion ?? state.currentFactorSetVersion;
    if (!latest) return published;
    const sets = await this.admin.listFactorSets(tenant);
    const base = (sets.find((set) => set.version === latest)?.factors ??
      []) as FactorOverrideValue[];
    const byId = new Map(base.map((f) => [f.id, f]));
    for (const f of published) byId.set(f.id, f);
    return [...byId.values()];
  }

  @Query(() => ProjectionStatus, {
    description: "Which factor set and projection version the caller's figures use.",
    complexity: oneRoundTrip,
  })
  async projection(@Tenant() tenant: string): Promise<ProjectionStatus> {
    const state = await this.admin.state(tenant);
    const fences = state.building?.fences ?? null;
    return Object.assign(new ProjectionStatus(), {
      currentVersion: state.currentVersion,
      factorSetVersion: state.currentFactorSetVersion,
      building: state.building
        ? {
            version: state.building.version,
            factorSetVersion: state.building.factorSetVersion,
            partitions: fences ? Object.keys(fences).length : 0,
            partitionsDone: fences
              ? Object.values(fences).filter((offset) => offset !== '').length
              : 0,
          }
        : null,
    });
  }

  @Query(() => [TenantFactorSet], {
    description: 'Factor sets the tenant published, oldest first.',
    complexity: oneRoundTrip,
  })
  async factorSets(@Tenant() tenant: string): Promise<TenantFactorSet[]> {
    const sets = await this.admin.listFactorSets(tenant);
    return sets.map((set) =>
      Object.assign(new TenantFactorSet(), {
        ...set,
        factors: set.factors as FactorOverrideValue[],
      }),
    );
  }
}
