/**
 * Carbon Trust (2026) Appendix 4: the case-study equations, as written (E emissions, A activity,
 * I intensity). Units: grams, kWh, hours, seconds.
 *
 * What they can rebuild (tested in vfx-case-study.spec.ts): the rows of the §7.5 scene totals
 * that Table 10 gives activity data for — traditional VFX rendering (kWh, hours), Gen FX local
 * video generation (794 kWh, 2,935 h), cloud video generation (687 videos, at §7.4.3's 8 s each)
 * and upscaling (87 videos, at App. 4's example 8.3 MP × 8 s). Table 10 gives no activity data
 * for image generation (number of images) or artist-computer hours in any scenario, so the
 * scene totals themselves (≈ 900–2,100 kgCO2e Gen FX base case, ≈ 8,500–25,000 kgCO2e
 * traditional VFX, US grid) cannot be rebuilt from it: the tests show how much they leave to
 * those rows. `computeEmissions` applies the same structure per activity.
 */

/** E_artist = A_hours × (I_elec + I_embodied + I_software), all per hour. */
export function artistComputerG(
  hours: number,
  i: { elecGPerH: number; embodiedGPerH: number; softwareGPerH: number },
): number {
  return hours * (i.elecGPerH + i.embodiedGPerH + i.softwareGPerH);
}

/**
 * A_video,cloud = Q_credits × C_credits→seconds; E = A × I_video,cloud,total (per second).
 * App. 4 prints I_video gen,cloud,total = I_image gen,cloud,inference + …: the first term is the
 * video inference intensity (App. 3 "Video gen (cloud) … Inference"), not the image one.
 */
export function cloudVideoGenerationG(
  credits: number,
  secondsPerCredit: number,
  totalGPerSecond: number,
): number {
  return credits * secondsPerCredit * totalGPerSecond;
}

/** E_local = A_kWh × I_elec × (1 + U_training) + A_hours × I_embodied. */
export function localVideoGenerationG(
  a: { energyKwh: number; hours: number },
  i: { elecGPerKwh: number; trainingUplift: number; embodiedGPerH: number },
): number {
  const inference = a.energyKwh * i.elecGPerKwh;
  return inference + inference * i.trainingUplift + a.hours * i.embodiedGPerH;
}

/** A_upscaling = Q_videos × MP_video × D_video (MP-seconds); E = A × I_upscaling,total. */
export function upscalingG(
  videos: number,
  megapixels: number,
  durationS: number,
  totalGPerMpSecond: number,
): number {
  return videos * megapixels * durationS * totalGPerMpSecond;
}

/** E_rendering,local = A_kWh × I_elec + A_hours × I_local compute,embodied. */
export function localRenderingG(
  a: { energyKwh: number; hours: number },
  i: { elecGPerKwh: number; embodiedGPerH: number },
): number {
  return a.energyKwh * i.elecGPerKwh + a.hours * i.embodiedGPerH;
}
