import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a consumer group resumes; written in the same transaction as the facts it produced. */
@Entity({ name: 'consumer_offsets' })
export class ConsumerOffsetEntity {
  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @PrimaryColumn({ type: 'text' })
  topic!: string;

  @PrimaryColumn({ type: 'int' })
  partition!: number;

  /** int64 as a decimal string (Kafka offsets exceed 2^53). */
  @Column({ name: 'next_offset', type: 'bigint' })
  nextOffset!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
