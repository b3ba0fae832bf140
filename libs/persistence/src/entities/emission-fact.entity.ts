import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One activity's computed emissions (a TimescaleDB hypertable on `occurred_at` when the
 * extension is present). The primary key includes `occurred_at` because a hypertable's
 * unique constraints must contain its time column; a re-sent span has the same event id
 * and time, so it conflicts and is counted once.
 */
@Entity({ name: 'emission_facts' })
// Created by create_hypertable on Timescale; declared here for documentation only.
@Index('emission_facts_occurred_at_idx', { synchronize: false })
@Index('emission_facts_project_idx', ['tenantId', 'projectId', 'occurredAt'])
@Index('emission_facts_artifact_idx', ['tenantId', 'projectId', 'artifactId'])
export class EmissionFactEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'project_id', type: 'text' })
  projectId!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'artifact_id', type: 'text', nullable: true })
  artifactId!: string | null;

  @Column({ name: 'activity_kind', type: 'text' })
  activityKind!: string;

  @Column({ type: 'text' })
  tier!: string;

  @Column({ type: 'smallint' })
  scope!: number;

  @Column({ type: 'text' })
  category!: string;

  @Column({ name: 'model_id', type: 'text' })
  modelId!: string;

  @Column({ name: 'factor_ids', type: 'text', array: true })
  factorIds!: string[];

  @Column({ name: 'methodology_version', type: 'text' })
  methodologyVersion!: string;

  @Column({ name: 'factor_set_version', type: 'text' })
  factorSetVersion!: string;

  /**
   * Which projection wrote the row (part of the key: a rebuild writes a new version beside the
   * served one); queries serve the tenant's current version (tenant_projections).
   */
  @PrimaryColumn({ name: 'projection_version', type: 'int', default: 1 })
  projectionVersion!: number;

  @Column({ name: 'energy_it_kwh', type: 'double precision' })
  energyItKwh!: number;

  @Column({ name: 'energy_kwh', type: 'double precision' })
  energyKwh!: number;

  @Column({ name: 'energy_low_kwh', type: 'double precision' })
  energyLowKwh!: number;

  @Column({ name: 'energy_high_kwh', type: 'double precision' })
  energyHighKwh!: number;

  @Column({ type: 'double precision' })
  pue!: number;

  @Column({ name: 'intensity_g_per_kwh', type: 'double precision' })
  intensityGPerKwh!: number;

  @Column({ name: 'market_intensity_g_per_kwh', type: 'double precision' })
  marketIntensityGPerKwh!: number;

  @Column({ name: 'operational_g', type: 'double precision' })
  operationalG!: number;

  @Column({ name: 'operational_market_g', type: 'double precision' })
  operationalMarketG!: number;

  @Column({ name: 'embodied_g', type: 'double precision' })
  embodiedG!: number;

  @Column({ name: 'training_g', type: 'double precision' })
  trainingG!: number;

  @Column({ name: 'co2e_g', type: 'double precision' })
  co2eG!: number;

  @Column({ name: 'co2e_market_g', type: 'double precision' })
  co2eMarketG!: number;

  @Column({ name: 'co2e_low_g', type: 'double precision' })
  co2eLowG!: number;

  @Column({ name: 'co2e_high_g', type: 'double precision' })
  co2eHighG!: number;
}
