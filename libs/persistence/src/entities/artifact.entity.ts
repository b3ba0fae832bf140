import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Something activities contribute to (clip, shot version, scene…). `parent_id` is what it
 * feeds into; an artifact named only as a parent has a row with null kind and status.
 */
@Entity({ name: 'artifacts' })
@Index('artifacts_parent_idx', ['tenantId', 'projectId', 'parentId'])
export class ArtifactEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'project_id', type: 'text' })
  projectId!: string;

  @PrimaryColumn({ name: 'artifact_id', type: 'text' })
  artifactId!: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  /** Time of the latest event that carried kind/status/parent; mentions as a parent don't move it. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
