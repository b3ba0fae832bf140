import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { activityEventId, encodeLogRecord, type ActivityRecorded } from '@greenops/contracts';
import { computeEmissions } from '@greenops/methodology';
import type { EmissionFactInput } from '@greenops/persistence';
import {
  DEFAULT_SPAN_TIME_LIMITS,
  mapSpanToActivity,
  type Attributes,
  type OtlpSpan,
} from '@greenops/semconv';

export interface KeyedEnvelope {
  key: string;
  envelope: ActivityRecorded;
}

export interface FactRow {
  tenantId: string;
  projectId: string;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  activityKind: string;
  tier: string;
  scope: number;
  category: string;
  modelId: string;
  factorIdsJson: string;
  methodologyVersion: string;
  factorSetVersion: string;
  energyItKwh: number;
  energyKwh: number;
  energyLowKwh: number;
  energyHighKwh: number;
  pue: number;
  intensityGPerKwh: number;
  marketIntensityGPerKwh: number;
  operationalG: number;
  operationalMarketG: number;
  embodiedG: number;
  trainingG: number;
  co2eG: number;
  co2eMarketG: number;
  co2eLowG: number;
  co2eHighG: number;
}

function hrTimeNs([seconds, nanos]: [number, number]): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

function scalarAttributes(span: ReadableSpan): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
  }
  return out;
}

/**
 * The ActivityRecorded envelope ingest publishes for this span (the same semconv mapping and
 * deterministic id), so the Kafka baseline moves messages of exactly the end-to-end size.
 */
export function envelopeFor(tenant: string, span: ReadableSpan, recordedAt: string): KeyedEnvelope {
  const otlp: OtlpSpan = {
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    name: span.name,
    startTimeUnixNano: hrTimeNs(span.startTime),
    endTimeUnixNano: hrTimeNs(span.endTime),
    attributes: scalarAttributes(span),
  };
  const mapped = mapSpanToActivity(
    tenant,
    otlp,
    {},
    {
      receivedAtMs: Date.parse(recordedAt),
      limits: DEFAULT_SPAN_TIME_LIMITS,
    },
  );
  if (!mapped.ok)
    throw new Error(`bench span ${otlp.spanId} does not map: ${mapped.field}: ${mapped.reason}`);
  const { tenant: t, projectId, ...payload } = mapped.activity;
  const envelope: ActivityRecorded = {
    id: activityEventId(t, payload.traceId, payload.spanId),
    type: 'ActivityRecorded',
    version: 1,
    tenant: t,
    projectId,
    occurredAt: payload.startTime,
    recordedAt,
    payload,
  };
  // Checked and keyed as ingest does it.
  const encoded = encodeLogRecord(envelope);
  if (!encoded.ok)
    throw new Error(
      `bench span ${otlp.spanId} breaks its contract: ${encoded.field}: ${encoded.reason}`,
    );
  return { key: encoded.record.key, envelope };
}

/** The fact input the projector hands its store for this envelope (same methodology call). */
export function factInputFor(envelope: ActivityRecorded): EmissionFactInput {
  return {
    tenant: envelope.tenant,
    projectId: envelope.projectId,
    eventId: envelope.id,
    occurredAt: envelope.occurredAt,
    recordedAt: envelope.recordedAt,
    artifactId: envelope.payload.artifact?.id,
    activityKind: envelope.payload.kind,
    result: computeEmissions({
      ...envelope.payload,
      tenant: envelope.tenant,
      projectId: envelope.projectId,
    }),
  };
}

/** The emission_facts columns of one fact, as the raw pg baseline inserts them. */
export function factRowOf(fact: EmissionFactInput): FactRow {
  const r = fact.result;
  return {
    tenantId: fact.tenant,
    projectId: fact.projectId,
    eventId: fact.eventId,
    occurredAt: fact.occurredAt,
    recordedAt: fact.recordedAt,
    activityKind: fact.activityKind,
    tier: r.tier,
    scope: r.scope,
    category: r.category,
    modelId: r.modelId,
    factorIdsJson: JSON.stringify(r.factorIds),
    methodologyVersion: r.methodologyVersion,
    factorSetVersion: r.factorSetVersion,
    energyItKwh: r.energyItKwh.nominal,
    energyKwh: r.energyKwh.nominal,
    energyLowKwh: r.energyKwh.low,
    energyHighKwh: r.energyKwh.high,
    pue: r.pue,
    intensityGPerKwh: r.intensityGPerKwh,
    marketIntensityGPerKwh: r.marketIntensityGPerKwh,
    operationalG: r.operationalG.nominal,
    operationalMarketG: r.operationalMarketG.nominal,
    embodiedG: r.embodiedG.nominal,
    trainingG: r.trainingG.nominal,
    co2eG: r.co2eG.nominal,
    co2eMarketG: r.co2eMarketG.nominal,
    co2eLowG: r.co2eG.low,
    co2eHighG: r.co2eG.high,
  };
}
