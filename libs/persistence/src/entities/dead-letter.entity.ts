import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A rejected span kept for operators (optional sink next to the DLQ topic). */
@Entity({ name: 'dead_letters' })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'trace_id', type: 'text' })
  traceId!: string;

  @Column({ name: 'span_id', type: 'text' })
  spanId!: string;

  @Column({ type: 'text' })
  field!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'rejected_at', type: 'timestamptz' })
  rejectedAt!: Date;
}
