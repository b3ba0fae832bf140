import type { Activity } from '@greenops/domain';
import { DEFAULT_FACTOR_SET, type FactorSet } from '@greenops/factors';
import { deviceOf } from './device-lookup';

/** Hours in a reporting month: 8,760 h a year / 12. */
export const HOURS_PER_MONTH = 730;
/** 1 TB = 10¹² bytes, as the storage and transfer models count it. */
const BYTES_PER_TB = 1e12;

/**
 * What an activity delivered or used, in the units KPIs are normalised by (green-production
 * KPIs per GPU-hour, TB-month stored, TB moved, generated video and image; docs/insights.md).
 * Independent of emission factors: the same for every projection of the activity.
 */
export interface ActivityMeasures {
  /** Device-hours of hardware the catalogue knows as a GPU: count × duration. */
  gpuHours: number;
  /** Data held × time, in TB-months (one copy, as the span states the bytes held). */
  storageTbMonths: number;
  transferTb: number;
  aiModality: string | null;
  aiModel: string | null;
  /** `<width>x<height>` of generated or upscaled video, when stated. */
  aiResolution: string | null;
  /** Clips generated (video modality): `greenops.ai.videos`, default 1. */
  aiVideos: number;
  /** Seconds of video generated: clips × duration of each. */
  aiVideoSeconds: number;
  aiImages: number;
  /** Length of the artifact the span delivered (`greenops.artifact.duration_s`), if stated. */
  artifactDurationS: number | null;
}

const finiteOr0 = (value: number | undefined): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

export function activityMeasures(
  activity: Activity,
  factorSet: FactorSet = DEFAULT_FACTOR_SET,
): ActivityMeasures {
  const m = activity.measurements;
  const hours = finiteOr0(activity.durationS) / 3600;
  const hw = m.hw;
  const device = hw?.model ? deviceOf(factorSet, hw.model) : undefined;
  const gpuHours = device?.kind === 'gpu' ? (hw?.count ?? 1) * hours : 0;
  const storageTbMonths =
    activity.kind === 'storage'
      ? (finiteOr0(m.storage?.bytes) / BYTES_PER_TB) * (hours / HOURS_PER_MONTH)
      : 0;
  const transferTb = finiteOr0(m.transferBytes) / BYTES_PER_TB;
  const ai = activity.kind === 'ai.inference' ? m.ai : undefined;
  const video = ai?.video;
  const isVideo = ai?.modality === 'video' || ai?.modality === 'upscale';
  const videos = isVideo ? (ai?.videos ?? 1) : 0;
  const clipSeconds =
    video?.durationS ?? (video?.frames && video?.fps ? video.frames / video.fps : 0);
  return {
    gpuHours,
    storageTbMonths,
    transferTb,
    aiModality: ai?.modality ?? null,
    aiModel: ai?.model ?? null,
    aiResolution:
      isVideo && video?.width && video?.height ? `${video.width}x${video.height}` : null,
    aiVideos: videos,
    aiVideoSeconds: videos * finiteOr0(clipSeconds),
    aiImages: ai?.modality === 'image' ? (ai.images ?? 1) : 0,
    artifactDurationS: activity.artifact?.durationS ?? null,
  };
}
