import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An ingest/GraphQL credential. Only the SHA-256 hex of the key is stored (see ApiKeyStore). */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Index('api_keys_key_hash_key', { unique: true })
  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  /** First characters of the key, so an operator can tell keys apart without the secret. */
  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** What the key may do: 'ingest', 'read', 'admin' (publish factor sets, policies). */
  @Column({ type: 'text', array: true, default: () => "'{ingest,read,admin}'" })
  roles!: string[];
}
