import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The projection version a tenant is served, and the rebuild in progress, if any. */
@Entity({ name: 'tenant_projections' })
export class TenantProjectionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'current_version', type: 'int', default: 1 })
  currentVersion!: number;

  @Column({ name: 'current_factor_set_version', type: 'text', nullable: true })
  currentFactorSetVersion!: string | null;

  @Column({ name: 'building_version', type: 'int', nullable: true })
  buildingVersion!: number | null;

  @Column({ name: 'building_factor_set_version', type: 'text', nullable: true })
  buildingFactorSetVersion!: string | null;

  @Column({ name: 'building_high_water', type: 'jsonb', nullable: true })
  buildingHighWater!: Record<string, string> | null;

  @Column({ name: 'building_started_at', type: 'timestamptz', nullable: true })
  buildingStartedAt!: Date | null;

  @Column({ name: 'switched_at', type: 'timestamptz', nullable: true })
  switchedAt!: Date | null;
}
