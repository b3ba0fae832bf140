import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Plain-PostgreSQL stand-in for the `project_daily_emissions` continuous aggregate:
 * one row per UTC day, maintained by EmissionStore for newly inserted facts only.
 * Exists only when TimescaleDB is absent.
 */
@Entity({ name: 'project_daily_emissions_rollup' })
export class ProjectDailyEmissionsRollupEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'project_id', type: 'text' })
  projectId!: string;

  @PrimaryColumn({ name: 'projection_version', type: 'int' })
  projectionVersion!: number;

  @PrimaryColumn({ type: 'timestamptz' })
  day!: Date;

  @Column({ name: 'energy_kwh', type: 'double precision' })
  energyKwh!: number;

  @Column({ name: 'co2e_g', type: 'double precision' })
  co2eG!: number;

  @Column({ name: 'co2e_market_g', type: 'double precision' })
  co2eMarketG!: number;

  @Column({ name: 'activity_count', type: 'bigint' })
  activityCount!: string;
}
