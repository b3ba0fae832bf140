import { z } from 'zod';
import type { FactorSetPublished, ProjectionRebuildFence } from '@greenops/domain';

const envelope = {
  id: z.string().uuid(),
  version: z.literal(1),
  tenant: z.string().min(1),
  projectId: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  recordedAt: z.string().datetime({ offset: true }),
};

const factorOverride = z.object({
  id: z.string().min(1).max(200),
  value: z.number().finite(),
  unit: z.string().min(1),
  source: z.string().min(1),
  year: z.number().int().min(1990).max(2100),
  low: z.number().finite().optional(),
  high: z.number().finite().optional(),
  note: z.string().optional(),
});

export const factorSetPublishedV1Schema = z.object({
  ...envelope,
  type: z.literal('FactorSetPublished'),
  payload: z.object({
    version: z.string().min(1).max(200),
    baseVersion: z.string().min(1),
    name: z.string().min(1).max(200),
    factors: z.array(factorOverride).min(1).max(10000),
  }),
});

export const projectionRebuildFenceV1Schema = z.object({
  ...envelope,
  type: z.literal('ProjectionRebuildFence'),
  payload: z.object({
    buildVersion: z.number().int().min(2),
    factorSetVersion: z.string().min(1),
    partition: z.number().int().min(0),
  }),
});

export type ParsedTenantEvent =
  | { kind: 'factor-set'; event: FactorSetPublished }
  | { kind: 'fence'; event: ProjectionRebuildFence }
  | { kind: 'invalid'; field: string; reason: string }
  | { kind: 'none' };

/** Recognises the tenant-level events that share the activities topic. */
export function parseTenantEvent(value: unknown): ParsedTenantEvent {
  const type = (value as { type?: unknown } | null)?.type;
  const schema =
    type === 'FactorSetPublished'
      ? factorSetPublishedV1Schema
      : type === 'ProjectionRebuildFence'
        ? projectionRebuildFenceV1Schema
        : undefined;
  if (!schema) return { kind: 'none' };
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { kind: 'invalid', field: issue.path.join('.') || '(envelope)', reason: issue.message };
  }
  return type === 'FactorSetPublished'
    ? { kind: 'factor-set', event: result.data as FactorSetPublished }
    : { kind: 'fence', event: result.data as ProjectionRebuildFence };
}
