import { createHash } from 'node:crypto';
import type { EventEnvelope } from './event-envelope';

/**
 * Tenant-level events travel on the activities topic under this pseudo project, so the
 * projector sees them in order with the activities of their partition.
 */
export const TENANT_SCOPE_PROJECT = '_tenant';

/** One factor a tenant overrides (same shape as a catalogue factor in libs/factors). */
export interface FactorOverride {
  id: string;
  value: number;
  unit: string;
  source: string;
  year: number;
  low?: number;
  high?: number;
  note?: string;
}

/** A tenant's factor set: the shipped catalogue `baseVersion` with `factors` overridden. */
export interface FactorSetPublishedPayload {
  version: string;
  baseVersion: string;
  name: string;
  factors: FactorOverride[];
}
export type FactorSetPublished = EventEnvelope<'FactorSetPublished', FactorSetPublishedPayload>;

/**
 * Written by the projector into every partition when a rebuild starts: a rebuild consumer that
 * reaches the fence of its build in a partition has replayed everything written before it.
 */
export interface ProjectionRebuildFencePayload {
  buildVersion: number;
  factorSetVersion: string;
  partition: number;
}
export type ProjectionRebuildFence = EventEnvelope<'ProjectionRebuildFence', ProjectionRebuildFencePayload>;

/** Deterministic UUID-shaped id from parts (same layout as activityEventId). */
export function deterministicEventId(...parts: string[]): string {
  const b = Buffer.from(createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
