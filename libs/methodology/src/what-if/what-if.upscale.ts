import type { Activity, AiInputs } from '@greenops/domain';
import { APPLIED, notApplied, type PartOutcome } from './what-if.outcome';

/** Short side of the generation in the report's strategy: generate at 720p, then upscale. */
export const GENERATION_SHORT_SIDE_PX = 720;
/** WAN2.1's latent patch (docs/methodology.md, video geometry): generated sides are multiples of 16. */
const LATENT_PATCH_PX = 16;

function modality(ai: AiInputs): AiInputs['modality'] | undefined {
  if (ai.modality) return ai.modality;
  return ai.video || ai.denoisingSteps !== undefined || ai.credits !== undefined
    ? 'video'
    : undefined;
}

/**
 * UPSCALE_FROM_720P (Carbon Trust, "The carbon impact of AI video generation", June 2026, §7.4.3
 * and App. 4: generate low, upscale to the delivered size): an AI video generated above 720p
 * becomes the same clips generated with a 720-pixel short side (aspect kept, sides rounded to the
 * latent patch) plus an upscale of those clips to the recorded size. Both parts are priced by
 * the engine's own models (diffusion and per-MP-second upscale), at the activity's location.
 * Measured energies and reported draws are evidence of what ran, so they are not rescaled.
 */
export function applyUpscaleFrom720p(activity: Activity): {
  activities: Activity[];
  outcome: PartOutcome;
} {
  const same = (reason: string) => ({ activities: [activity], outcome: notApplied(reason) });
  const m = activity.measurements;
  const ai = m.ai;
  if (activity.kind !== 'ai.inference' || !ai || modality(ai) !== 'video') {
    return same('not AI video generation');
  }
  if (m.energyKwh !== undefined) return same('energy measured, not modelled per resolution');
  if (!m.cloudProvider && m.hw?.powerW !== undefined) {
    return same('energy from a reported draw, not modelled per resolution');
  }
  const width = ai.video?.width;
  const height = ai.video?.height;
  if (!width || !height) return same('resolution not stated');
  const shortSide = Math.min(width, height);
  if (shortSide <= GENERATION_SHORT_SIDE_PX) return same('generated at 720p or less already');
  const scale = GENERATION_SHORT_SIDE_PX / shortSide;
  const toPatch = (px: number) =>
    Math.max(LATENT_PATCH_PX, Math.round((px * scale) / LATENT_PATCH_PX) * LATENT_PATCH_PX);
  const generation: Activity = {
    ...activity,
    measurements: {
      ...m,
      ai: {
        ...ai,
        modality: 'video',
        video: { ...ai.video, width: toPatch(width), height: toPatch(height) },
      },
    },
  };
  const {
    denoisingSteps: _steps,
    credits: _credits,
    inputTokens: _in,
    outputTokens: _out,
    ...rest
  } = ai;
  // A local run's host embodied is charged by its hours once, on the generation part.
  const local = !m.cloudProvider && m.hw !== undefined;
  const upscale: Activity = {
    ...activity,
    measurements: {
      ...m,
      ...(local ? { embodiedShare: 0 } : {}),
      ai: { ...rest, modality: 'upscale', video: { ...ai.video } },
    },
  };
  return { activities: [generation, upscale], outcome: APPLIED };
}
