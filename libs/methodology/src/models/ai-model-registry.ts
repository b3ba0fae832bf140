import type { FactorTrail } from '../factor-trail';
import {
  calibrateDiffusion,
  type DiffusionConstants,
  type LatentGeometry,
} from './video-diffusion.energy-model';

/**
 * A video generation model the diffusion energy model knows. Constants come either directly
 * (`constants`) or from two calibration points whose GPU energies are factors of the set (so a
 * republished factor set recalibrates the model).
 */
export interface VideoModelEntry {
  id: string;
  /** `gen_ai.request.model` spellings (compared case-insensitively, ignoring punctuation). */
  aliases: string[];
  geometry: LatentGeometry;
  constants?: DiffusionConstants;
  calibration?: {
    points: Array<{
      width: number;
      height: number;
      frames: number;
      steps: number;
      gpuWhFactorId: string;
    }>;
  };
  /** Declared model-creation emissions, when known (report Table 6 option 1). */
  training?: { perKwhFactorId: string; perInferenceFactorId: string };
}

/** WAN2.1-T2V-1.3B, calibrated to the report's two points (Appendix 3: 8 s × 24 fps = 192 frames, 50 steps). */
export const WAN2_1_T2V_1_3B: VideoModelEntry = {
  id: 'wan2.1-t2v-1.3b',
  aliases: [
    'Wan2.1-T2V-1.3B',
    'Wan-AI/Wan2.1-T2V-1.3B',
    'wan2.1',
    'wan-2.1',
    'wan2.1-vace',
    'Wan2.1-VACE-1.3B',
  ],
  geometry: { spatialDivisor: 16, temporalStride: 4 },
  calibration: {
    points: [
      {
        width: 1280,
        height: 720,
        frames: 192,
        steps: 50,
        gpuWhFactorId: 'ai.video.wan2.1-t2v-1.3b.calibration.720p.gpu-wh',
      },
      {
        width: 1920,
        height: 1080,
        frames: 192,
        steps: 50,
        gpuWhFactorId: 'ai.video.wan2.1-t2v-1.3b.calibration.1080p.gpu-wh',
      },
    ],
  },
  training: {
    perKwhFactorId: 'ai.model.wan2.1-t2v-1.3b.training-g-per-kwh',
    perInferenceFactorId: 'ai.model.wan2.1-t2v-1.3b.training-g-per-inference',
  },
};

export const DEFAULT_VIDEO_MODELS: readonly VideoModelEntry[] = [WAN2_1_T2V_1_3B];

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function findVideoModel(
  models: readonly VideoModelEntry[],
  name: string | undefined,
): VideoModelEntry | undefined {
  if (!name) return undefined;
  const key = norm(name);
  return models.find((m) => norm(m.id) === key || m.aliases.some((a) => norm(a) === key));
}

export function modelConstants(model: VideoModelEntry, trail: FactorTrail): DiffusionConstants {
  if (model.constants) return model.constants;
  const pts = model.calibration?.points;
  if (!pts || pts.length !== 2)
    throw new Error(`video model ${model.id} has neither constants nor two calibration points`);
  const [p1, p2] = pts.map((p) => ({
    spec: { width: p.width, height: p.height, frames: p.frames, steps: p.steps },
    gpuWh: trail.use(p.gpuWhFactorId).value,
  }));
  return calibrateDiffusion(p1, p2, model.geometry);
}
