/**
 * Compute-bound energy model of a video diffusion transformer, after Delavande, Pierrard &
 * Luccioni (2025), which the Carbon Trust report (2026, §5 and Appendix 3) builds on:
 *
 *   GPU energy (Wh) = steps × (a·L + b·L²)
 *
 * L = latent tokens = latent frames × (width / s) × (height / s), latent frames = 1 + (frames − 1)/t.
 * For WAN2.1: s = 16 (VAE ÷8 then 2×2 patches), t = 4 (temporal VAE stride). The a·L term is the
 * per-token work (MLPs, projections), b·L² the full spatio-temporal self-attention. Energy is thus
 * linear in steps and close to quadratic in frames and in pixel count.
 */
export interface LatentGeometry {
  /** Pixels per latent token along each spatial side. */
  spatialDivisor: number;
  /** Frames per latent frame after the first. */
  temporalStride: number;
}

export interface DiffusionConstants {
  /** Wh per latent token per step. */
  aWhPerTokenStep: number;
  /** Wh per latent token² per step. */
  bWhPerTokenSqStep: number;
}

export interface VideoSpec {
  width: number;
  height: number;
  frames: number;
  steps: number;
}

export function latentTokens(
  spec: Pick<VideoSpec, 'width' | 'height' | 'frames'>,
  g: LatentGeometry,
): number {
  const latentFrames = 1 + (spec.frames - 1) / g.temporalStride;
  return latentFrames * (spec.width / g.spatialDivisor) * (spec.height / g.spatialDivisor);
}

export function diffusionGpuWh(spec: VideoSpec, g: LatentGeometry, c: DiffusionConstants): number {
  const l = latentTokens(spec, g);
  return spec.steps * (c.aWhPerTokenStep * l + c.bWhPerTokenSqStep * l * l);
}

export interface CalibrationPoint {
  spec: VideoSpec;
  gpuWh: number;
}

/**
 * Fixes a and b from two measured (or published) points. Dividing E/steps by L gives a line in L:
 * E/(steps·L) = a + b·L, so b = (y₂ − y₁)/(L₂ − L₁) and a = y₁ − b·L₁.
 */
export function calibrateDiffusion(
  p1: CalibrationPoint,
  p2: CalibrationPoint,
  g: LatentGeometry,
): DiffusionConstants {
  const l1 = latentTokens(p1.spec, g);
  const l2 = latentTokens(p2.spec, g);
  if (!(l1 > 0 && l2 > 0) || l1 === l2)
    throw new Error('calibration points need two different positive latent sizes');
  const y1 = p1.gpuWh / p1.spec.steps / l1;
  const y2 = p2.gpuWh / p2.spec.steps / l2;
  const b = (y2 - y1) / (l2 - l1);
  const a = y1 - b * l1;
  if (!(a >= 0 && b >= 0)) throw new Error(`calibration gives negative constants (a=${a}, b=${b})`);
  return { aWhPerTokenStep: a, bWhPerTokenSqStep: b };
}
