import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A customer of the platform; every other row is scoped by its id. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
