import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A factor set a tenant published (FactorSetPublished): overrides of the shipped catalogue. */
@Entity({ name: 'tenant_factor_sets' })
export class TenantFactorSetEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  version!: string;

  @Column({ name: 'base_version', type: 'text' })
  baseVersion!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  factors!: unknown;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
