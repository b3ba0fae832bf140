import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The embedded mode's durable event log; `topic` lets activities and the DLQ share it. */
@Entity({ name: 'event_log' })
@Index('event_log_topic_seq_idx', ['topic', 'seq'])
export class EventLogRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @Column({ name: 'appended_at', type: 'timestamptz' })
  appendedAt!: Date;
}
