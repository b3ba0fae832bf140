import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A rejected span, recorded from the DLQ topic so tenants can query what was refused and why. */
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

  @Column({ name: 'span_name', type: 'text', default: '' })
  spanName!: string;

  @Column({ name: 'log_topic', type: 'text', nullable: true })
  logTopic!: string | null;

  @Column({ name: 'log_partition', type: 'int', nullable: true })
  logPartition!: number | null;

  @Column({ name: 'log_offset', type: 'bigint', nullable: true })
  logOffset!: string | null;
}
