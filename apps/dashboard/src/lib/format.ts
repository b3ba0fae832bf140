/**
 * Numbers with units and sensible rounding: three significant figures, the unit scaled so the
 * figure reads naturally (g → kg → t CO2e; Wh → kWh → MWh). Pure: unit-tested, no DOM.
 */
const significant = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 });
const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** Three significant figures, with thousands separators above 999 (e.g. "1,240", "12.3", "0.0456"). */
export function formatSignificant(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1000) return grouped.format(Number(value.toPrecision(3)));
  return significant.format(value);
}

export interface ScaledUnit {
  value: number;
  unit: string;
}

/** Grams CO2e in the largest unit that keeps the figure at or above 1 (g, kg, t). */
export function scaleCo2e(grams: number): ScaledUnit {
  const abs = Math.abs(grams);
  if (abs >= 1_000_000) return { value: grams / 1_000_000, unit: 't CO₂e' };
  if (abs >= 1_000) return { value: grams / 1_000, unit: 'kg CO₂e' };
  return { value: grams, unit: 'g CO₂e' };
}

/** e.g. 1_866_700 → "1.87 t CO₂e", 729.83 → "730 g CO₂e". */
export function formatCo2e(grams: number): string {
  const { value, unit } = scaleCo2e(grams);
  return `${formatSignificant(value)} ${unit}`;
}

/** kWh in Wh, kWh or MWh. */
export function formatEnergy(kwh: number): string {
  const abs = Math.abs(kwh);
  if (abs >= 1_000) return `${formatSignificant(kwh / 1_000)} MWh`;
  if (abs > 0 && abs < 1) return `${formatSignificant(kwh * 1_000)} Wh`;
  return `${formatSignificant(kwh)} kWh`;
}

/** A low–high band in the unit of its high end, e.g. "1.1 – 1.46 t CO₂e". */
export function formatBand(lowG: number, highG: number): string {
  const { unit } = scaleCo2e(highG);
  const divisor = unit.startsWith('t') ? 1_000_000 : unit.startsWith('kg') ? 1_000 : 1;
  return `${formatSignificant(lowG / divisor)} – ${formatSignificant(highG / divisor)} ${unit}`;
}

/** A share of a whole as a percentage, e.g. "42 %", "0.5 %"; "–" for an empty whole. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return '–';
  const pct = (part / whole) * 100;
  if (pct > 0 && pct < 0.1) return '< 0.1 %';
  return `${pct >= 10 ? Math.round(pct) : formatSignificant(Number(pct.toFixed(1)))} %`;
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/**
 * Reads a figure back from its formatted text, in grams CO2e (or kWh for energy): the browser
 * tests compare what the page shows with what GraphQL answered. Undefined when unreadable.
 */
export function parseCo2eText(text: string): number | undefined {
  const m = /^(-?[\d,]*\.?\d+)\s*(g|kg|t) CO₂e$/.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]!.replace(/,/g, ''));
  return value * (m[2] === 't' ? 1_000_000 : m[2] === 'kg' ? 1_000 : 1);
}

/** Bytes in decimal units (storage is sold in them): B, kB, MB, GB, TB, PB; e.g. 1.5e12 → "1.5 TB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${formatSignificant(value)} ${units[i]}`;
}
