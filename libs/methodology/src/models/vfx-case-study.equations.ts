/**
 * Carbon Trust (2026) Appendix 4: the case-study equations, as written (E emissions, A activity,
 * I intensity). Units: grams, kWh, hours. These reproduce the report's scene totals (§7.5,
 * Table 10); `computeEmissions` applies the same structure per activity.
 */

/** E_artist = A_hours × (I_elec + I_embodied + I_software), all per hour. */
export function artistComputerG(
  hours: number,
  i: { elecGPerH: number; embodiedGPerH: number; softwareGPerH: number },
): number {
  return hours * (i.elecGPerH + i.embodiedGPerH + i.softwareGPerH);
}

/** E_local = A_kWh × I_elec × (1 + U_training) + A_hours × I_embodied. */
export function localVideoGenerationG(
  a: { energyKwh: number; hours: number },
  i: { elecGPerKwh: number; trainingUplift: number; embodiedGPerH: number },
): number {
  const inference = a.energyKwh * i.elecGPerKwh;
  return inference + inference * i.trainingUplift + a.hours * i.embodiedGPerH;
}

/** E_rendering,local = A_kWh × I_elec + A_hours × I_local compute,embodied. */
export function localRenderingG(
  a: { energyKwh: number; hours: number },
  i: { elecGPerKwh: number; embodiedGPerH: number },
): number {
  return a.energyKwh * i.elecGPerKwh + a.hours * i.embodiedGPerH;
}
