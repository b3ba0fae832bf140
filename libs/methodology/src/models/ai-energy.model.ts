import type { AiInputs, DataQualityTier, Range } from '@greenops/domain';
import { ATTR } from '../attributes';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { factorRange, multiplyRanges, pointRange } from '../uncertainty';
import { atLeastOne, nonNegative, positive } from '../validate';
import { findVideoModel, modelConstants, type VideoModelEntry } from './ai-model-registry';
import { diffusionGpuWh, type VideoSpec } from './video-diffusion.energy-model';

export interface AiEnergy {
  /** IT energy (GPU + other IT), before PUE. */
  energyItKwh: Range;
  tier: DataQualityTier;
  modelId: string;
  /** Inferences in this span (for per-inference training allocation, option 1b). */
  inferences: number;
  videoModel?: VideoModelEntry;
  /** Flags for the result (proxy model, extrapolated spec). */
  notes: string[];
}

const whToKwh = (r: Range): Range => ({
  low: r.low / 1000,
  nominal: r.nominal / 1000,
  high: r.high / 1000,
});

/** `greenops.ai.videos`: a whole number ≥ 1, default 1. */
export function videoCount(ai: AiInputs): number {
  return atLeastOne(ai.videos, ATTR.videos) ?? 1;
}

/**
 * Video: diffusion energy model (tier 2 of report Table 7) when the spec is known; the report's
 * own proxy when only credits or seconds are (tier 4: 15 credits/s, 720p, 24 fps, 50 steps,
 * §7.4.3). `greenops.ai.videos` clips of the stated spec each cost the model's energy (the model
 * is not linear in frames, so credits are split over the clips before the model is applied).
 * Estimates the model was not calibrated for get the report's "Medium-to-high" band (Table 13,
 * `uncertainty.video.proxy`): an unregistered model (WAN2.1 constants, tier proxy), the credits
 * proxy, and a resolution outside the calibration points (flagged `extrapolated`).
 */
export function videoEnergy(
  ai: AiInputs,
  trail: FactorTrail,
  models: readonly VideoModelEntry[],
): AiEnergy {
  const matched = findVideoModel(models, ai.model);
  const model = matched ?? models[0];
  if (!model) throw new Error('no video model registered');
  const videos = videoCount(ai);
  const v = ai.video ?? {};
  const width = positive(v.width, ATTR.videoWidth);
  const height = positive(v.height, ATTR.videoHeight);
  const fps = positive(v.fps, ATTR.videoFps);
  const durationS = positive(v.durationS, ATTR.videoDuration);
  const framesAttr = positive(v.frames, ATTR.videoFrames);
  const credits = positive(ai.credits, ATTR.credits);
  const steps =
    positive(ai.denoisingSteps, ATTR.steps) ?? trail.use('ai.video.default-steps').value;

  const framesFromTime =
    durationS !== undefined && fps !== undefined ? Math.round(durationS * fps) : undefined;
  const specKnown =
    width !== undefined && height !== undefined && (framesAttr ?? framesFromTime) !== undefined;
  let spec: VideoSpec;
  if (specKnown) {
    spec = {
      width: width as number,
      height: height as number,
      frames: (framesAttr ?? framesFromTime) as number,
      steps,
    };
  } else {
    const secondsPerVideo =
      durationS ??
      (credits !== undefined
        ? credits / trail.use('ai.video.credits-per-second').value / videos
        : undefined);
    const frames =
      framesAttr ??
      (secondsPerVideo !== undefined
        ? Math.round(secondsPerVideo * (fps ?? trail.use('ai.video.proxy.fps').value))
        : undefined);
    if (frames === undefined) {
      throw new MethodologyInputError(
        ATTR.videoFrames,
        `video inference needs ${ATTR.videoFrames} (or ${ATTR.videoFps} × ${ATTR.videoDuration}) with ${ATTR.videoWidth}/${ATTR.videoHeight}, or ${ATTR.credits}, or ${ATTR.energyKwh}`,
      );
    }
    spec = {
      width: width ?? trail.use('ai.video.proxy.width-px').value,
      height: height ?? trail.use('ai.video.proxy.height-px').value,
      frames,
      steps,
    };
  }
  if (spec.frames < 1)
    throw new MethodologyInputError(ATTR.videoFrames, `needs at least 1 frame, got ${spec.frames}`);
  const gpuWh = videos * diffusionGpuWh(spec, model.geometry, modelConstants(model, trail));
  const uplift = factorRange(trail.use('ai.video.other-it-uplift'));
  const notes: string[] = [];
  if (!matched) {
    notes.push(
      ai.model
        ? `proxy: video model '${ai.model}' is not registered; ${model.id} constants with the medium-to-high band`
        : `proxy: no video model named; ${model.id} constants with the medium-to-high band`,
    );
  }
  const calibrated = calibratedShortSides(model);
  const shortSide = Math.min(spec.width, spec.height);
  if (calibrated && (shortSide < calibrated.min || shortSide > calibrated.max)) {
    notes.push(
      `extrapolated: ${shortSide}p beyond calibrated ${calibrated.min}–${calibrated.max}p`,
    );
  }
  const tier: DataQualityTier = specKnown && matched ? 'modelled' : 'proxy';
  const band =
    tier === 'proxy' || notes.length > 0
      ? factorRange(trail.use('uncertainty.video.proxy'))
      : pointRange(1);
  return {
    energyItKwh: whToKwh(multiplyRanges(multiplyRanges(pointRange(gpuWh), uplift), band)),
    tier,
    modelId: specKnown ? `ai.video.diffusion.${model.id}` : `ai.video.credits-proxy.${model.id}`,
    inferences: videos,
    videoModel: matched,
    notes,
  };
}

/** Shortest and longest image side among a model's calibration points (e.g. 720 and 1080). */
function calibratedShortSides(model: VideoModelEntry): { min: number; max: number } | undefined {
  const sides = model.calibration?.points.map((p) => Math.min(p.width, p.height));
  if (!sides || sides.length === 0) return undefined;
  return { min: Math.min(...sides), max: Math.max(...sides) };
}

/** Image: per-image GPU energy (Luccioni et al. 2024) × other-IT uplift (report App. 3). */
export function imageEnergy(ai: AiInputs, trail: FactorTrail): AiEnergy {
  const images = positive(ai.images, ATTR.images) ?? 1;
  const wh =
    images *
    trail.use('ai.image.gpu-wh-per-image').value *
    trail.use('ai.image.other-it-uplift').value;
  return {
    energyItKwh: pointRange(wh / 1000),
    tier: 'proxy',
    modelId: 'ai.image.per-image',
    inferences: images,
    notes: [],
  };
}

/**
 * Upscale: Wh per output MP-second at 30 fps (report App. 3, 3.68–22.11). The report's figure
 * includes its PUE of 1.1, so IT energy = figure ÷ 1.1 and the facility PUE is applied later.
 * Scaled by fps/30: the figure is priced per MP-second of 30-fps output, and upscaling work is
 * per frame, so a 24-fps clip processes 80 % of the frames (App. 4's C = MP × D has no fps term:
 * docs/methodology.md lists this departure). `greenops.ai.videos` clips of the stated size.
 */
export function upscaleEnergy(ai: AiInputs, trail: FactorTrail): AiEnergy {
  const v = ai.video ?? {};
  const width = positive(v.width, ATTR.videoWidth);
  const height = positive(v.height, ATTR.videoHeight);
  if (width === undefined || height === undefined) {
    throw new MethodologyInputError(
      width === undefined ? ATTR.videoWidth : ATTR.videoHeight,
      'upscale needs the output width and height',
    );
  }
  const fps = positive(v.fps, ATTR.videoFps);
  const frames = positive(v.frames, ATTR.videoFrames);
  const seconds =
    positive(v.durationS, ATTR.videoDuration) ??
    (frames !== undefined && fps !== undefined ? frames / fps : undefined);
  if (seconds === undefined) {
    throw new MethodologyInputError(
      ATTR.videoDuration,
      `upscale needs ${ATTR.videoDuration} (or frames and fps)`,
    );
  }
  const refFps = trail.use('ai.upscale.reference-fps').value;
  const videos = videoCount(ai);
  const mpSeconds = videos * ((width * height) / 1e6) * seconds * ((fps ?? refFps) / refFps);
  const perMps = factorRange(trail.use('ai.upscale.facility-wh-per-mp-second'));
  const refPue = trail.use('pue.ai-service').value;
  const it = multiplyRanges(perMps, pointRange(mpSeconds / refPue));
  return {
    energyItKwh: whToKwh(it),
    tier: 'proxy',
    modelId: 'ai.upscale.per-mp-second',
    inferences: videos,
    notes: [],
  };
}

/** Text: Wh per 1k output tokens (Oviedo et al. 2026 via report App. 3). */
export function textEnergy(ai: AiInputs, trail: FactorTrail): AiEnergy {
  const tokens = nonNegative(ai.outputTokens, ATTR.outputTokens);
  if (tokens === undefined) {
    throw new MethodologyInputError(
      ATTR.outputTokens,
      `text inference needs ${ATTR.outputTokens} or ${ATTR.energyKwh}`,
    );
  }
  const perK = factorRange(trail.use('ai.text.wh-per-1k-tokens'));
  return {
    energyItKwh: whToKwh(multiplyRanges(perK, pointRange(tokens / 1000))),
    tier: 'proxy',
    modelId: 'ai.text.per-token',
    inferences: 1,
    notes: [],
  };
}
