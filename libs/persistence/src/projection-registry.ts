import type { DatabaseHandle } from './database-handle';
import { requireInstant, requireText, requireUuid } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { INITIAL_PROJECTION_VERSION } from './projection-version';

/** A tenant's served projection and the rebuild in progress (factor-set republishing). */
export interface TenantProjection {
  tenant: string;
  currentVersion: number;
  /** null: the shipped default factor set. */
  currentFactorSetVersion: string | null;
  building: {
    version: number;
    factorSetVersion: string;
    /**
     * Per partition: the offset of this build's fence once the rebuild has read it ('' until
     * then); null until the fences are written.
     */
    fences: Record<string, string> | null;
  } | null;
}

export interface PublishedFactorSet {
  tenant: string;
  version: string;
  baseVersion: string;
  name: string;
  /** The overrides as published (validated by the publisher and again by the projector). */
  factors: unknown;
  eventId: string;
  publishedAt: string;
}

interface ProjectionRow {
  tenant_id: string;
  current_version: number;
  current_factor_set_version: string | null;
  building_version: number | null;
  building_factor_set_version: string | null;
  building_high_water: Record<string, string> | null;
}

const SELECT_PROJECTIONS = `
  select tenant_id, current_version, current_factor_set_version, building_version,
         building_factor_set_version, building_high_water
    from tenant_projections where tenant_id = any($1::text[])`;

const SELECT_BUILDING = `
  select tenant_id, current_version, current_factor_set_version, building_version,
         building_factor_set_version, building_high_water
    from tenant_projections where building_version is not null order by tenant_id`;

const INSERT_FACTOR_SET = `
  insert into tenant_factor_sets (tenant_id, version, base_version, name, factors, event_id, published_at)
  values ($1, $2, $3, $4, $5::jsonb, $6, $7)
  on conflict (tenant_id, version) do nothing
  returning version`;

const SELECT_FACTOR_SET = `
  select tenant_id as tenant, version, base_version as "baseVersion", name, factors,
         event_id as "eventId", published_at as "publishedAt"
    from tenant_factor_sets where tenant_id = $1 and version = $2`;

const LIST_FACTOR_SETS = `
  select tenant_id as tenant, version, base_version as "baseVersion", name, factors,
         event_id as "eventId", published_at as "publishedAt"
    from tenant_factor_sets where tenant_id = $1 order by published_at, version`;

/**
 * Starts (or restarts, superseding an unfinished one) a rebuild into the next version. The
 * next version is above both the served one and any abandoned build, so stale rows of an
 * abandoned build are never served.
 */
const START_BUILDING = `
  insert into tenant_projections as tp (tenant_id, current_version, building_version,
                                        building_factor_set_version, building_started_at)
  values ($1, ${INITIAL_PROJECTION_VERSION}, ${INITIAL_PROJECTION_VERSION} + 1, $2, now())
  on conflict (tenant_id) do update set
    building_version = greatest(tp.current_version, coalesce(tp.building_version, 0)) + 1,
    building_factor_set_version = excluded.building_factor_set_version,
    building_high_water = null,
    building_started_at = now()
  where tp.building_factor_set_version is distinct from excluded.building_factor_set_version`;

const EXPECT_FENCES = `
  update tenant_projections set building_high_water = $3::jsonb
   where tenant_id = $1 and building_version = $2 and building_high_water is null`;

const RECORD_FENCE = `
  update tenant_projections
     set building_high_water = jsonb_set(building_high_water, array[$3::text], to_jsonb($4::text))
   where tenant_id = $1 and building_version = $2 and building_high_water ->> $3::text = ''`;

// Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of rows.
const SWITCH = `
  with switched as (
  update tenant_projections
     set current_version = building_version,
         current_factor_set_version = building_factor_set_version,
         building_version = null, building_factor_set_version = null,
         building_high_water = null, building_started_at = null, switched_at = now()
   where tenant_id = $1 and building_version = $2
  returning current_version)
  select current_version from switched`;

/** Factor sets a tenant published, and which projection version each tenant is served. */
export class ProjectionRegistry {
  constructor(private readonly db: DatabaseHandle) {}

  /** States of the given tenants; a tenant without a row is served version 1, default factors. */
  async states(tenants: readonly string[]): Promise<Map<string, TenantProjection>> {
    const ids = [...new Set(tenants.map((t, i) => requireText(`tenants[${i}]`, t)))];
    const result = new Map<string, TenantProjection>(
      ids.map((tenant) => [
        tenant,
        {
          tenant,
          currentVersion: INITIAL_PROJECTION_VERSION,
          currentFactorSetVersion: null,
          building: null,
        },
      ]),
    );
    if (ids.length === 0) return result;
    const rows: ProjectionRow[] = await this.db.dataSource.query(SELECT_PROJECTIONS, [ids]);
    for (const row of rows) result.set(row.tenant_id, toProjection(row));
    return result;
  }

  async state(tenant: string): Promise<TenantProjection> {
    const t = requireText('tenant', tenant);
    return (await this.states([t])).get(t)!;
  }

  /** Every tenant with a rebuild in progress. */
  async building(): Promise<TenantProjection[]> {
    const rows: ProjectionRow[] = await this.db.dataSource.query(SELECT_BUILDING);
    return rows.map(toProjection);
  }

  /** Records a published factor set; false when this version was already recorded. */
  async recordFactorSet(set: PublishedFactorSet): Promise<boolean> {
    const rows: unknown[] = await this.db.dataSource.query(INSERT_FACTOR_SET, [
      requireText('tenant', set.tenant),
      requireText('version', set.version),
      requireText('baseVersion', set.baseVersion),
      requireText('name', set.name),
      JSON.stringify(set.factors ?? null),
      requireUuid('eventId', set.eventId),
      new Date(requireInstant('publishedAt', set.publishedAt)).toISOString(),
    ]);
    return rows.length > 0;
  }

  async factorSet(tenant: string, version: string): Promise<PublishedFactorSet | null> {
    const rows: Array<PublishedFactorSet & { publishedAt: Date }> = await this.db.dataSource.query(
      SELECT_FACTOR_SET,
      [requireText('tenant', tenant), requireText('version', version)],
    );
    const row = rows[0];
    return row ? { ...row, publishedAt: row.publishedAt.toISOString() } : null;
  }

  async listFactorSets(tenant: string): Promise<PublishedFactorSet[]> {
    const rows: Array<PublishedFactorSet & { publishedAt: Date }> = await this.db.dataSource.query(
      LIST_FACTOR_SETS,
      [requireText('tenant', tenant)],
    );
    return rows.map((row) => ({ ...row, publishedAt: row.publishedAt.toISOString() }));
  }

  /** Begins a rebuild of the tenant's projection with the factor set; idempotent per set. */
  async startBuilding(tenant: string, factorSetVersion: string): Promise<TenantProjection> {
    const t = requireText('tenant', tenant);
    await this.db.dataSource.query(START_BUILDING, [
      t,
      requireText('factorSetVersion', factorSetVersion),
    ]);
    return this.state(t);
  }

  /**
   * The partitions whose fences the rebuild must read. Fences are written AFTER the build row
   * exists: live projectors write every event they handle from then on into both versions,
   * and every event before a fence is replayed by the rebuild, so together they cover the log.
   */
  async expectFences(
    tenant: string,
    buildingVersion: number,
    partitions: readonly number[],
  ): Promise<void> {
    const marks: Record<string, string> = {};
    for (const partition of partitions) {
      if (!Number.isInteger(partition) || partition < 0)
        throw new PersistenceInputError('partitions', 'must be partition numbers');
      marks[String(partition)] = '';
    }
    await this.db.dataSource.query(EXPECT_FENCES, [
      requireText('tenant', tenant),
      buildingVersion,
      JSON.stringify(marks),
    ]);
  }

  /** The rebuild read its fence in `partition` at `offset`; first sighting wins. */
  async recordFence(
    tenant: string,
    buildingVersion: number,
    partition: number,
    offset: string,
  ): Promise<void> {
    if (!/^\d+$/.test(offset)) throw new PersistenceInputError('offset', 'must be a log offset');
    await this.db.dataSource.query(RECORD_FENCE, [
      requireText('tenant', tenant),
      buildingVersion,
      String(partition),
      offset,
    ]);
  }

  /** True when every expected partition's fence has been read. */
  static fencesComplete(projection: TenantProjection): boolean {
    const fences = projection.building?.fences;
    return !!fences && Object.values(fences).every((offset) => offset !== '');
  }

  /** Serves the rebuilt version; false if that build is no longer the tenant's build. */
  async switchTo(tenant: string, buildingVersion: number): Promise<boolean> {
    const rows: unknown[] = await this.db.dataSource.query(SWITCH, [
      requireText('tenant', tenant),
      buildingVersion,
    ]);
    return rows.length > 0;
  }
}

function toProjection(row: ProjectionRow): TenantProjection {
  return {
    tenant: row.tenant_id,
    currentVersion: row.current_version,
    currentFactorSetVersion: row.current_factor_set_version,
    building:
      row.building_version === null || row.building_factor_set_version === null
        ? null
        : {
            version: row.building_version,
            factorSetVersion: row.building_factor_set_version,
            fences: row.building_high_water,
          },
  };
}
