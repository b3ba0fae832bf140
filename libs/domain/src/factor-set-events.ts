import { createHash } from 'node:crypto';
import type { EventEnvelope } from './event-envelope';

/**
 * Tenant-level events travel on the activities topic under this pseudo project, so the
 * projector sees them in order with the activities of their partition.
 */
export const TENANT_SCOPE_PROJECT = '_tenant';

/**
 * Qualitative ratings of the Carbon Trust 2026 report, Appendix 5 (Table 13: indicative
 * uncertainty of the main emissions intensities).
 */
export const QUALITATIVE_RATINGS = [
  'low',
  'low-to-medium',
  'medium',
  'medium-to-high',
  'high',
] as const;
export type QualitativeRating = (typeof QUALITATIVE_RATINGS)[number];

/**
 * One cited number: a catalogue factor (libs/factors `Factor`) or a tenant's override of one.
 * Every factor carries its unit, source and year so an auditor can trace it.
 */
export interface FactorOverride {
  /** Stable id, dotted namespace, e.g. `pue.cloud.aws`, `grid.location.US`. */
  id: string;
  value: number;
  /** e.g. `gCO2e/kWh`, `W`, `kgCO2e`, `ratio`. */
  unit: string;
  /** Publication (and section/table) the value comes from, or `GreenOps assumption: …`. */
  source: string;
  /** Year the value describes (or was published, when the source gives no reference year). */
  year: number;
  /** Low end of the uncertainty band, same unit. */
  low?: number;
  /** High end of the uncertainty band, same unit. */
  high?: number;
  /** The report's App. 5 Table 13 uncertainty rating of this intensity, where it gives one. */
  uncertaintyRating?: QualitativeRating;
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
export type ProjectionRebuildFence = EventEnvelope<
  'ProjectionRebuildFence',
  ProjectionRebuildFencePayload
>;

/** Deterministic UUID-shaped id from parts (same layout as activityEventId). */
export function deterministicEventId(...parts: string[]): string {
  const b = Buffer.from(createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
