import {
  formatBytes,
  formatBand,
  formatCo2e,
  formatEnergy,
  formatShare,
  formatSignificant,
  parseCo2eText,
} from './format';

describe('dashboard number formatting', () => {
  it.each([
    // semantic-conventions.md worked examples: workstation day 729.83 g; flight 1,866,700 g;
    // rail 28,368 g; mood board 9.31 g.
    [729.83, '730 g CO₂e'],
    [1_866_700, '1.87 t CO₂e'],
    [28_368, '28.4 kg CO₂e'],
    [9.31, '9.31 g CO₂e'],
    [0, '0 g CO₂e'],
    [999.4, '999 g CO₂e'],
    [1_000, '1 kg CO₂e'],
    [123_456_789, '123 t CO₂e'],
    [4_567_891_234, '4,570 t CO₂e'],
  ])('%p g reads %p', (grams, text) => {
    expect(formatCo2e(grams)).toBe(text);
  });

  it('scales energy: 1.2285 Wh, 5.08896 kWh, 1,570 kWh', () => {
    expect(formatEnergy(0.0012285)).toBe('1.23 Wh');
    expect(formatEnergy(5.08896)).toBe('5.09 kWh');
    expect(formatEnergy(1_570.4)).toBe('1.57 MWh');
    expect(formatEnergy(0)).toBe('0 kWh');
  });

  it('writes a band in the unit of its high end', () => {
    // render example: 854.23 … 1,460.32 g → kg, three significant figures each.
    expect(formatBand(854.23, 1_460.32)).toBe('0.854 – 1.46 kg CO₂e');
    expect(formatBand(6_212_687, 21_783_244)).toBe('6.21 – 21.8 t CO₂e');
  });

  it('writes shares, and an empty whole as a dash', () => {
    expect(formatShare(1, 4)).toBe('25 %');
    expect(formatShare(1, 32)).toBe('3.1 %'); // 3.125 % → one decimal under 10 %
    expect(formatShare(2.32, 9_571)).toBe('< 0.1 %');
    expect(formatShare(0, 10)).toBe('0 %');
    expect(formatShare(1, 0)).toBe('–');
  });

  it('reads a formatted figure back in grams, within its rounding', () => {
    expect(parseCo2eText('1.87 t CO₂e')).toBe(1_870_000);
    expect(parseCo2eText('28.4 kg CO₂e')).toBeCloseTo(28_400, 9);
    expect(parseCo2eText('4,570 t CO₂e')).toBe(4_570_000_000);
    expect(parseCo2eText('730 g CO₂e')).toBe(730);
    expect(parseCo2eText('about a tonne')).toBeUndefined();
    expect(formatSignificant(Number.NaN)).toBe('–');
  });

  it('gives bytes in decimal units', () => {
    expect(formatBytes(1.5e12)).toBe('1.5 TB'); // 1.5e12 / 1000⁴
    expect(formatBytes(54e12)).toBe('54 TB'); // 36 versions × 1.5 TB
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_234_567)).toBe('1.23 MB');
  });
});
